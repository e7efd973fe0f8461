import { type Diagnostic, formatDiagnostic } from "../config/diagnostics.js";
import type { Model } from "../config/model.js";
import { finish, type Palette, plain } from "./text.js";

/** Where a diagnostic points, `file:line:col`, under the infra repo's folder when the report is read from the git root. */
export const diagnosticAt = (d: Diagnostic, root = "") => `${root ? `${root}/` : ""}${d.file}:${d.line}:${d.col}`;

/** One diagnostic as the terminal shows it: the `file:line:col: severity: message` line coloured, the hint dimmed. */
export function diagnosticLine(d: Diagnostic, paint: Palette = plain): string {
  const [head, ...rest] = formatDiagnostic(d).split("\n");
  const label = d.severity === "error" ? paint.red : paint.yellow;
  return [label(head ?? ""), ...rest.map((l) => paint.dim(l))].join("\n");
}

export type ValidateResult = { dir: string; diagnostics: readonly Diagnostic[]; model?: Model };

/** What `w3o validate` prints: every diagnostic, then the repo's counts when it loaded, or its error count. */
export function validateText(v: ValidateResult, paint: Palette = plain, secrets: readonly string[] = []): string {
  const lines = v.diagnostics.map((d) => diagnosticLine(d, paint));
  if (v.model) {
    const m = v.model;
    const count = (o: object) => Object.keys(o).length;
    lines.push(
      `${paint.green("✔")} ${v.dir}: valid — ${count(m.environments)} environments, ${count(m.networks)} networks, ${count(m.nodes)} nodes, ${count(m.contracts)} contracts, ${count(m.workflows)} workflows, ${count(m.monitors)} monitors`,
    );
  } else {
    const errors = v.diagnostics.filter((d) => d.severity === "error").length;
    lines.push(`${paint.red("✖")} ${errors} error${errors === 1 ? "" : "s"} in ${v.dir}`);
  }
  return finish(lines, secrets);
}
