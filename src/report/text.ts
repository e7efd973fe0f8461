import { redact } from "../errors/redact.js";

type Paint = (s: string) => string;
/** Colours are the CLI's business: it passes picocolors in; every other face gets plain text. */
export type Palette = { green: Paint; yellow: Paint; red: Paint; cyan: Paint; dim: Paint; bold: Paint; magenta: Paint };
export const plain: Palette = { green: String, yellow: String, red: String, cyan: String, dim: String, bold: String, magenta: String };

/**
 * The one exit of every text src/report builds for the CLI: lines joined, a final newline, and the
 * shared redaction (known secret values, credentials in URLs), so no command prints a key it was handed.
 */
export function finish(lines: readonly string[], secrets: readonly string[] = []): string {
  return `${redact(lines.join("\n"), secrets)}\n`;
}
