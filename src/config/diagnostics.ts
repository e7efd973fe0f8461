import { BaseError, redact } from "../errors/index.js";
import { compareStrings } from "../util/compare.js";

/** One problem found in an infra repo, pointing at the exact place to fix. */
export type Diagnostic = {
  file: string;
  line: number;
  col: number;
  severity: "error" | "warning";
  /** Stable, machine-readable kind of problem, e.g. `unknown-key`, `missing-reference`. */
  code: string;
  message: string;
  hint?: string;
};

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/**
 * Passes every text of every diagnostic through the one redaction, with the secret-looking
 * values of the files read (see `secretsIn`): whichever field a key was pasted into, and
 * whichever check quotes it, the key is never printed or returned.
 */
export function redactDiagnostics(list: readonly Diagnostic[], secrets: readonly string[]): Diagnostic[] {
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  const clean = (text: string) => redact(text, longestFirst);
  return list.map((d) => ({
    ...d,
    file: clean(d.file),
    message: clean(d.message),
    ...(d.hint === undefined ? {} : { hint: clean(d.hint) }),
  }));
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col);
}

export class ConfigError extends BaseError {
  override name = "ConfigError";
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(`The infra repo has ${errors.length} configuration error${errors.length === 1 ? "" : "s"}.`, {
      metaMessages: diagnostics.map(formatDiagnostic),
      hint: "Fix each problem at the file:line:col shown, then run `w3o validate` again.",
    });
    this.diagnostics = diagnostics;
  }
}

export class RepoNotFoundError extends BaseError {
  override name = "RepoNotFoundError";
  constructor(dir: string) {
    super(`${dir} is not a directory`, { hint: "Pass the path of an infra repo: a folder with a w3o.yaml at its root." });
  }
}
