import { frameworkCounts } from "../compliance.js";
import { cell } from "../markdown.js";
import type { Section } from "../section.js";

export const complianceSection: Section = {
  id: "compliance",
  foldOrder: 4,
  render(r, detail) {
    const c = r.compliance;
    if (!c?.frameworks.length) return [];
    if (detail === "brief") return ["### Compliance", "", c.frameworks.map((f) => `${cell(f.title)}: ${frameworkCounts(f)}`).join(" · ")];
    return [
      "### Compliance",
      "",
      "| Framework | Pass | Fail | Manual | Not applicable |",
      "| --- | --- | --- | --- | --- |",
      ...c.frameworks.map(
        (f) =>
          `| ${cell(`${f.title} ${f.version}`)} | ${f.summary.pass} | ${f.summary.fail} | ${f.summary.manual} | ${f.summary["not-applicable"]} |`,
      ),
      "",
      "Per-control evidence: `w3o compliance report --out audit/`.",
    ];
  },
};
