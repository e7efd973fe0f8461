import { severities } from "../config/schema/policy.js";
import type { Severity } from "./schema.js";
import type { Evaluation, Finding } from "./types.js";

export const TOOL = { name: "w3o", version: "0.1.0", informationUri: "https://w3o.dev" } as const;

/** Everything every output format prints: one source, so counts never disagree between formats. */
export type AuditReport = {
  evaluation: Evaluation;
  failOn: Severity;
  base?: string;
  counts: {
    rules: number;
    passed: number;
    failed: number;
    skipped: number;
    findings: Record<Severity, number>;
    suppressed: number;
    unusedSuppressions: number;
  };
  /** Findings at or above failOn: the audit fails when there is any. */
  blocking: Finding[];
};

export const rank = (s: Severity) => severities.length - 1 - severities.indexOf(s);
export const atOrAbove = (s: Severity, threshold: Severity) => rank(s) <= rank(threshold);

export function buildReport(evaluation: Evaluation, opts: { failOn: Severity; base?: string }): AuditReport {
  const findings = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of evaluation.findings) findings[f.severity]++;
  const count = (status: string) => evaluation.results.filter((r) => r.status === status).length;
  return {
    evaluation,
    failOn: opts.failOn,
    base: opts.base,
    counts: {
      rules: evaluation.rules.length,
      passed: count("pass"),
      failed: count("fail"),
      skipped: count("skipped"),
      findings,
      suppressed: evaluation.suppressed.length,
      unusedSuppressions: evaluation.unusedSuppressions.length,
    },
    blocking: evaluation.findings.filter((f) => atOrAbove(f.severity, opts.failOn)),
  };
}

export const where = (f: Pick<Finding, "location">) => `${f.location.file}:${f.location.line}:${f.location.col}`;
