import { redact } from "../../errors/index.js";
import { type AuditReport, TOOL } from "../report.js";
import type { Finding } from "../types.js";

const finding = (f: Finding) => ({
  ruleId: f.ruleId,
  title: f.title,
  severity: f.severity,
  resource: f.resource,
  message: f.message,
  remediation: f.remediation,
  file: f.location.file,
  line: f.location.line,
  col: f.location.col,
  fingerprint: f.fingerprint,
  ...(f.suppressedBy
    ? { suppression: { reason: f.suppressedBy.reason, expires: f.suppressedBy.expires ?? null, source: f.suppressedBy.source } }
    : {}),
});

/** Machine-readable: findings with fingerprints (a baseline is this list), suppressions and totals. */
export function formatJson(report: AuditReport): string {
  const { evaluation: ev } = report;
  const data = {
    tool: TOOL,
    failOn: report.failOn,
    base: report.base ?? null,
    passed: report.blocking.length === 0,
    counts: report.counts,
    findings: ev.findings.map(finding),
    suppressed: ev.suppressed.map(finding),
    unusedSuppressions: ev.unusedSuppressions.map((s) => ({
      rule: s.rule,
      resource: s.resource,
      file: s.location.file,
      line: s.location.line,
    })),
  };
  return `${redact(JSON.stringify(data, null, 2))}\n`;
}
