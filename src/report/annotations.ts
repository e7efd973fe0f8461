import type { Severity } from "../policy/schema.js";
import type { PrReport } from "./types.js";

export type AnnotationLevel = "notice" | "warning" | "failure";

/** A finding at a file and line, as check runs show it; the GitHub adapter sends this shape. */
export type Annotation = {
  path: string;
  startLine: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
  level: AnnotationLevel;
  title?: string;
  message: string;
};

const LEVEL: Record<Severity, AnnotationLevel> = { critical: "failure", high: "failure", medium: "warning", low: "notice", info: "notice" };

const join = (root: string, file: string) => (root ? `${root}/${file}` : file);

/** Config diagnostics and audit findings at their file and line, paths relative to the git root. */
export function annotations(r: PrReport): Annotation[] {
  const out: Annotation[] = r.diagnostics.map((d) => ({
    path: join(r.root, d.file),
    startLine: Math.max(1, d.line),
    startColumn: Math.max(1, d.col),
    level: d.severity === "error" ? "failure" : "warning",
    title: d.code,
    message: d.hint ? `${d.message}\nHint: ${d.hint}` : d.message,
  }));
  for (const f of r.audit?.evaluation.findings ?? []) {
    out.push({
      path: join(r.root, f.location.file),
      startLine: Math.max(1, f.location.line),
      startColumn: Math.max(1, f.location.col),
      level: LEVEL[f.severity],
      title: `${f.ruleId}: ${f.title}`,
      message: `${f.message ?? f.title}\nHow to fix: ${f.remediation}`,
    });
  }
  return out;
}
