import { BaseError } from "../errors/index.js";
import type { Sources } from "./sources.js";

/** One solc diagnostic, positioned in the file the reviewer edits. */
export type CompileDiagnostic = {
  severity: "error" | "warning" | "info";
  file?: string;
  line?: number;
  col?: number;
  /** solc's error type and code, e.g. "DeclarationError" / "7576". */
  type: string;
  code?: string;
  message: string;
  /** The source text solc points at (first line of it), so the message names the culprit. */
  snippet?: string;
};

type SolcError = {
  severity: string;
  type: string;
  errorCode?: string;
  message: string;
  sourceLocation?: { file: string; start: number; end: number };
};

/** solc reports byte offsets into the UTF-8 source; people need 1-based line and column. */
export function lineColAt(content: string, byteOffset: number): { line: number; col: number } {
  const before = Buffer.from(content, "utf8").subarray(0, Math.max(0, byteOffset)).toString("utf8");
  const lines = before.split("\n");
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

export function toDiagnostic(e: SolcError, sources: Sources): CompileDiagnostic {
  const loc = e.sourceLocation;
  const content = loc ? sources[loc.file] : undefined;
  const pos = loc && content !== undefined && loc.start >= 0 ? lineColAt(content, loc.start) : {};
  const snippet =
    loc && content !== undefined && loc.end > loc.start
      ? Buffer.from(content, "utf8").subarray(loc.start, loc.end).toString("utf8").split("\n")[0]?.trim()
      : undefined;
  return {
    severity: e.severity === "error" ? "error" : e.severity === "warning" ? "warning" : "info",
    ...(loc?.file ? { file: loc.file } : {}),
    ...pos,
    type: e.type,
    ...(e.errorCode ? { code: e.errorCode } : {}),
    message: e.message,
    ...(snippet ? { snippet } : {}),
  };
}

export const formatCompileDiagnostic = (d: CompileDiagnostic) =>
  `${d.file ? `${d.file}:${d.line ?? 1}:${d.col ?? 1}: ` : ""}${d.type}: ${d.message}${d.snippet ? ` (\`${d.snippet}\`)` : ""}`;

/** The repo's Solidity does not compile; every error with file:line:col. */
export class CompileError extends BaseError {
  override name = "CompileError";
  readonly diagnostics: CompileDiagnostic[];
  constructor(diagnostics: CompileDiagnostic[], version: string) {
    const n = diagnostics.length;
    super(`Solidity compilation failed (solc ${version}): ${n} error${n === 1 ? "" : "s"}`, {
      metaMessages: diagnostics.map(formatCompileDiagnostic),
      hint: "Fix the errors above; w3o compiles with the compiler settings in w3o.yaml (compiler:).",
    });
    this.diagnostics = diagnostics;
  }
}
