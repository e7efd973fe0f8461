/** Where a file stops being text, and what was found there. */
export type NonText = { line: number; col: number; what: string };

/**
 * Characters YAML forbids in a stream (YAML 1.2 §5.1): C0 controls but tab, LF and CR; DEL;
 * C1 controls but NEL; U+FFFE and U+FFFF. A file holding one is binary, whatever its name.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

/**
 * Finds the first byte that shows `bytes` is not UTF-8 YAML text (invalid UTF-8, NUL, control
 * characters), so a binary file is refused once instead of parsed into errors quoting garbage.
 */
export function findNonText(bytes: Uint8Array): NonText | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The lenient decoding marks the first invalid sequence with U+FFFD.
    const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const at = Math.max(0, lenient.indexOf("\uFFFD"));
    return { ...position(lenient, at), what: "bytes that are not UTF-8" };
  }
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return { ...position(text, match.index), what: `the control character U+${code}` };
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, col: offset - lineStart + 1 };
}
