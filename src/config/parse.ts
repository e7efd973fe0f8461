import { type CST, isAlias, LineCounter, Parser, visit } from "yaml";
import type { Diagnostic } from "./diagnostics.js";
import { SourceFile } from "./source.js";

/** w3o config is a few levels deep; past this, YAML's composer and zod would recurse without bound. */
export const MAX_DEPTH = 64;
/** How many values YAML aliases may expand to in one file: bounds a "billion laughs" expansion. */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult =
  | { ok: true; source: SourceFile; data: Record<string, unknown> }
  | { ok: false; diagnostic: Diagnostic; source?: SourceFile };

/**
 * Parses one config file into its YAML document and plain data, or gives the one located
 * error that stops it: too deep, YAML syntax (the first error only: the rest follow from it),
 * aliases expanding past the limit, or a file that is not a mapping of sections.
 */
export function parseConfig(file: string, text: string): ParseResult {
  const deep = tooDeepAt(text);
  if (deep) {
    return fail(
      file,
      deep,
      "nesting-too-deep",
      `${file} nests values more than ${MAX_DEPTH} levels deep`,
      "w3o config is only a few levels deep: look for a run of unclosed [ or { here, and flatten the value.",
    );
  }
  const source = new SourceFile(file, text);
  const [first] = source.doc.errors;
  if (first) {
    const at = first.linePos?.[0] ?? { line: 1, col: 1 };
    return fail(file, at, "yaml-syntax", `invalid YAML: ${firstLine(first.message)}`, yamlHint(first.code), source);
  }
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return fail(
      file,
      firstAlias(source),
      "yaml-alias-limit",
      `${file} expands YAML aliases (*name) into more than ${MAX_ALIAS_COUNT} values`,
      'Aliases here multiply like a "billion laughs" attack: write the repeated values out, or alias each one directly.',
      source,
    );
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return fail(
      file,
      { line: 1, col: 1 },
      "invalid-type",
      `${file} must be a mapping of sections (key: value), not ${Array.isArray(data) ? "a list" : "a single value"}`,
      "Start the file with sections such as `version: 1` or `contracts:`.",
      source,
    );
  }
  return { ok: true, source, data: data as Record<string, unknown> };
}

function fail(
  file: string,
  at: { line: number; col: number },
  code: string,
  message: string,
  hint: string,
  source?: SourceFile,
): ParseResult {
  return { ok: false, diagnostic: { file, line: at.line, col: at.col, severity: "error", code, message, hint }, source };
}

/**
 * Where the first collection nested deeper than MAX_DEPTH starts. YAML's tokenizer is not
 * recursive, so the concrete syntax tree is walked here, with an explicit stack, before the
 * recursive composer ever sees the text.
 */
function tooDeepAt(text: string): { line: number; col: number } | undefined {
  const lines = new LineCounter();
  const stack: [CST.Token | undefined, number][] = [];
  for (const token of new Parser(lines.addNewLine).parse(text)) stack.push([token, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop() as [CST.Token | undefined, number];
    if (!token) continue;
    if (token.type === "document") stack.push([token.value, depth]);
    else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > MAX_DEPTH) return lines.linePos(token.offset);
      for (const item of token.items) {
        if ("key" in item) stack.push([item.key ?? undefined, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

function firstAlias(source: SourceFile): { line: number; col: number } {
  let offset = 0;
  visit(source.doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return source.positionOf(offset);
}

const firstLine = (s: string) => s.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? s;

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear once per mapping: remove or rename the second one.";
    case "TAB_AS_INDENT":
      return "YAML indents with spaces, never tabs.";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "Check the indentation and the ':' after each key.";
    default:
      return "Fix the YAML syntax at this position (a YAML-aware editor with the w3o schema shows it as you type).";
  }
}
