import { details, fenced, plural } from "../markdown.js";
import type { Section } from "../section.js";

function counts(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+") && !line.startsWith("+++")) added++;
    else if (line.startsWith("-") && !line.startsWith("---")) removed++;
  }
  return { added, removed };
}

/** What the PR changes in rendered Kubernetes, Prometheus, Terraform… output; folds first. */
export const renderDiffSection: Section = {
  id: "renderDiff",
  foldOrder: 7,
  render(r, detail) {
    const diffs = (r.renderDiff ?? []).filter((d) => d.diff.trim());
    if (!diffs.length) return [];
    const rows = diffs.map((d) => ({ ...d, ...counts(d.diff) }));
    const out = ["### Rendered output", ""];
    if (detail === "brief") {
      out.push(rows.map((d) => `\`${d.target}\` +${d.added} −${d.removed}`).join(" · "));
    } else if (detail === "compact") {
      out.push(...rows.map((d) => `- \`${d.target}\`: ${plural(d.added, "line")} added, ${d.removed} removed`));
    } else {
      for (const d of rows) out.push(...details(`${d.target}: +${d.added} −${d.removed}`, fenced(d.diff.trimEnd(), "diff")), "");
    }
    out.push("", "`w3o render --diff` shows it locally.");
    return out;
  },
};
