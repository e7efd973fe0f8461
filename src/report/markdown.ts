/** Small markdown builders that cannot produce unbalanced output: every opener is closed by the same call. */

/** A fence longer than any run of backticks inside, so content can never close it early. */
export function fenced(body: string, lang = ""): string[] {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, body, fence];
}

export function details(summary: string, body: string[]): string[] {
  return ["<details>", `<summary>${escapeHtml(summary)}</summary>`, "", ...body, "", "</details>"];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A table cell: pipes and newlines would break the row. */
export function cell(text: string | undefined): string {
  return escapeHtml(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

/** Inline code that survives backticks in the value. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const tick = "`".repeat(longest + 1);
  return longest ? `${tick} ${text} ${tick}` : `${tick}${text}${tick}`;
}

/** The first lines that fit in `budget` characters, then one line saying how many were left out. */
export function fitLines(lines: string[], budget: number, more: (n: number) => string): string[] {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const tail = more(lines.length - i);
    if (used + line.length + 1 + (i < lines.length - 1 ? tail.length + 1 : 0) > budget) {
      out.push(tail);
      return out;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
