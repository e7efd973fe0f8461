import { redact } from "../../errors/index.js";
import { type AuditReport, where } from "../report.js";

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
const ICON = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" } as const;

/** For a PR comment: a verdict line, a table of findings, and every suppression with its reason. */
export function formatMarkdown(report: AuditReport): string {
  const { evaluation: ev, counts } = report;
  const out: string[] = ["## w3o audit", ""];
  out.push(
    report.blocking.length
      ? `❌ **${report.blocking.length} finding(s) at or above \`${report.failOn}\`** — ${ev.findings.length} finding(s), ${counts.suppressed} suppressed.`
      : `✅ **No finding at or above \`${report.failOn}\`** — ${ev.findings.length} finding(s), ${counts.suppressed} suppressed.`,
  );
  if (report.base) out.push("", `Includes the diff from \`${report.base}\`.`);
  if (ev.findings.length) {
    out.push("", "| Severity | Rule | Where | Finding | How to fix |", "| --- | --- | --- | --- | --- |");
    for (const f of ev.findings)
      out.push(`| ${ICON[f.severity]} ${f.severity} | \`${f.ruleId}\` | \`${where(f)}\` | ${cell(f.message)} | ${cell(f.remediation)} |`);
  }
  out.push("", `<details><summary>Suppressed (${counts.suppressed})</summary>`, "");
  if (ev.suppressed.length) {
    out.push("| Rule | Resource | Reason | Expires | Source |", "| --- | --- | --- | --- | --- |");
    for (const f of ev.suppressed) {
      const s = f.suppressedBy;
      out.push(`| \`${f.ruleId}\` | \`${cell(f.resource)}\` | ${cell(s?.reason)} | ${s?.expires ?? "—"} | ${s?.source ?? ""} |`);
    }
  } else out.push("None.");
  out.push(
    "",
    "</details>",
    "",
    `${counts.rules} rules · ${counts.passed} checks passed · ${counts.skipped} not applicable · ${counts.unusedSuppressions} unused suppression(s)`,
  );
  return `${redact(out.join("\n"))}\n`;
}
