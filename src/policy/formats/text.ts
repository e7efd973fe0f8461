import { redact } from "../../errors/index.js";
import { type AuditReport, where } from "../report.js";

type Paint = { red: (s: string) => string; yellow: (s: string) => string; dim: (s: string) => string; green: (s: string) => string };
const plain: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, green: (s) => s };

/** For people at a terminal: one line per finding, most severe first, then suppressions and totals. */
export function formatText(report: AuditReport, paint: Paint = plain): string {
  const { evaluation: ev, counts } = report;
  const lines: string[] = [];
  for (const f of ev.findings) {
    const colour = f.severity === "critical" || f.severity === "high" ? paint.red : paint.yellow;
    lines.push(`${where(f)}: ${colour(f.severity)} ${f.ruleId} ${f.message}`);
    lines.push(`  fix: ${f.remediation}`);
    lines.push(paint.dim(`  resource: ${f.resource}  fingerprint: ${f.fingerprint}`));
  }
  if (ev.suppressed.length) {
    lines.push("", `Suppressed (${ev.suppressed.length}):`);
    for (const f of ev.suppressed) {
      const s = f.suppressedBy;
      lines.push(
        paint.dim(`  ${where(f)}: ${f.ruleId} ${f.resource} — ${s?.reason} (${s?.source}${s?.expires ? `, expires ${s.expires}` : ""})`),
      );
    }
  }
  if (ev.unusedSuppressions.length) {
    lines.push("", `Suppressions matching nothing (${ev.unusedSuppressions.length}):`);
    for (const s of ev.unusedSuppressions) lines.push(paint.dim(`  ${s.location.file}:${s.location.line}: ${s.rule} ${s.resource}`));
  }
  const sev = Object.entries(counts.findings)
    .reverse()
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
  lines.push(
    "",
    `${ev.findings.length} finding${ev.findings.length === 1 ? "" : "s"}${sev ? ` (${sev})` : ""}, ${counts.suppressed} suppressed, ${counts.rules} rules, ${counts.passed} checks passed, ${counts.skipped} not applicable${report.base ? `, diff from ${report.base}` : ""}`,
  );
  lines.push(
    report.blocking.length
      ? paint.red(`✖ ${report.blocking.length} finding${report.blocking.length === 1 ? "" : "s"} at or above ${report.failOn}`)
      : paint.green(`✔ no finding at or above ${report.failOn}`),
  );
  return `${redact(lines.join("\n"))}\n`;
}
