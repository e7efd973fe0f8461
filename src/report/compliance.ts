import type { ComplianceReport } from "../policy/compliance.js";
import { finish } from "./text.js";

type Framework = ComplianceReport["frameworks"][number];

/** A framework's control counts, in the words the CLI and the PR comment both use. */
export const frameworkCounts = ({ summary: s }: Framework) =>
  `${s.pass} pass, ${s.fail} fail, ${s.manual} manual, ${s["not-applicable"]} not applicable`;

/** What `w3o compliance report` prints: one line per framework, then the files it wrote. */
export function complianceText(report: ComplianceReport, written: readonly string[], secrets: readonly string[] = []): string {
  return finish([...report.frameworks.map((f) => `${f.title}: ${frameworkCounts(f)}`), `wrote ${written.join(" and ")}`], secrets);
}
