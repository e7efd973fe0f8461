import type { Model } from "../config/model.js";
import type { RepoFile, Result, Suppression, SuppressionEntry } from "./types.js";

const INLINE_RE = /(?:#|\/\/)\s*w3o-ignore:\s*(W3O-[A-Z]+-\d{3})(?:\s+expires=(\d{4}-\d{2}-\d{2}))?\s*(.*)$/;

/** Suppressions from w3o.yaml, the ignore file, and `# w3o-ignore: RULE reason` comments in any scanned text. */
export function collectSuppressions(
  model: Model,
  files: readonly RepoFile[] = [],
  ignoreFile?: { file: string; suppressions: SuppressionEntry[] },
): Suppression[] {
  const out: Suppression[] = [];
  const root = model.files["w3o.yaml"];
  for (const [i, s] of (model.policies?.suppressions ?? []).entries()) {
    out.push({
      ...s,
      source: "w3o.yaml",
      location: { file: "w3o.yaml", ...(root?.locate(["policies", "suppressions", i]) ?? { line: 1, col: 1 }) },
    });
  }
  for (const [i, { line: _line, ...s }] of (ignoreFile?.suppressions ?? []).entries()) {
    out.push({ ...s, source: "ignore-file", location: { file: ignoreFile?.file ?? ".w3oignore.yaml", line: _line ?? i + 1, col: 1 } });
  }
  const texts = new Map<string, string>();
  for (const [path, source] of Object.entries(model.files)) texts.set(path, source.text);
  for (const f of files) if (f.content !== undefined && !texts.has(f.path)) texts.set(f.path, f.content);
  for (const [file, text] of texts) {
    const lines = text.split("\n");
    for (const [i, line] of lines.entries()) {
      const m = INLINE_RE.exec(line);
      if (!m) continue;
      const col = (m.index ?? 0) + 1;
      const ownLine = line.slice(0, m.index).trim() === "";
      out.push({
        rule: m[1] as string,
        resource: "*",
        reason: (m[3] ?? "").trim(),
        expires: m[2],
        source: "inline",
        location: { file, line: i + 1, col },
        covers: { file, ...(ownLine ? blockAfter(lines, i) : { from: i + 1, to: i + 1 }) },
      });
    }
  }
  return out;
}

/**
 * A comment on its own line covers the next line and, when that line opens a YAML block
 * (`rpc:` followed by indented lines), the whole block: findings point at values inside it.
 */
function blockAfter(lines: string[], commentIndex: number): { from: number; to: number } {
  let j = commentIndex + 1;
  while (j < lines.length && /^\s*#/.test(lines[j] ?? "")) j++;
  const indent = (l: string) => l.length - l.trimStart().length;
  const head = lines[j] ?? "";
  let end = j;
  if (/:\s*(#.*)?$/.test(head)) {
    while (end + 1 < lines.length && ((lines[end + 1] ?? "").trim() === "" || indent(lines[end + 1] ?? "") > indent(head))) end++;
  }
  return { from: j + 1, to: end + 1 };
}

export function matchesResource(pattern: string, resource: string): boolean {
  if (pattern === "*" || pattern === resource) return true;
  if (pattern.endsWith("*")) return resource.startsWith(pattern.slice(0, -1));
  return false;
}

/** The suppression that covers a failing result, if any; expired and (when forbidden) inline ones never do. */
export function suppressionFor(
  result: Result,
  suppressions: readonly Suppression[],
  opts: { now: Date; allowInline: boolean },
): Suppression | undefined {
  const today = opts.now.toISOString().slice(0, 10);
  return suppressions.find((s) => {
    if (s.rule !== result.ruleId) return false;
    if (s.expires && s.expires < today) return false;
    if (s.source === "inline") {
      const c = s.covers;
      return opts.allowInline && c?.file === result.location.file && result.location.line >= c.from && result.location.line <= c.to;
    }
    return matchesResource(s.resource, result.resource);
  });
}
