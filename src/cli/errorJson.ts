import { CommanderError } from "commander";
import { ConfigError, type Diagnostic } from "../config/diagnostics.js";
import { BaseError, redact } from "../errors/index.js";

export type ErrorLocation = { file: string; line: number; col: number };

/** An error as `--json` prints it: what a CI step needs to annotate and to decide. */
export type JsonError = {
  code: string;
  message: string;
  hint?: string;
  details?: string;
  location?: ErrorLocation;
  /** Every problem of a config error, each at its place (a config error has one per mistake). */
  problems?: (Omit<JsonError, "problems"> & { severity: Diagnostic["severity"] })[];
};

const fromDiagnostic = (d: Diagnostic) => ({
  code: d.code,
  severity: d.severity,
  message: redact(d.message),
  ...(d.hint ? { hint: redact(d.hint) } : {}),
  location: { file: d.file, line: d.line, col: d.col },
});

/** Describes any thrown value for `--json`; messages are redacted like the text output. */
export function errorToJson(e: unknown): JsonError {
  if (e instanceof CommanderError) return { code: e.code, message: redact(e.message.replace(/^error: /, "")) };
  if (e instanceof ConfigError) {
    const problems = e.diagnostics.map(fromDiagnostic);
    const first = problems.find((p) => p.severity === "error") ?? problems[0];
    return {
      code: "config-invalid",
      message: redact(e.shortMessage),
      ...(e.hint ? { hint: redact(e.hint) } : {}),
      ...(first ? { location: first.location } : {}),
      problems,
    };
  }
  if (e instanceof BaseError) {
    return {
      code: e.name,
      message: redact(e.shortMessage),
      ...(e.hint ? { hint: redact(e.hint) } : {}),
      ...(e.details ? { details: redact(e.details) } : {}),
    };
  }
  return { code: "internal", message: redact(e instanceof Error ? e.message : String(e)), hint: "This is a bug in w3o: please report it." };
}

/** Whether the command line asks for JSON (options after `--` are operands, not options). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}
