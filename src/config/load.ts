import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { z } from "zod";
import { ConfigError, type Diagnostic, RepoNotFoundError, sortDiagnostics } from "./diagnostics.js";
import { expandIncludes, isInside, readConfigFile } from "./files.js";
import { findInlineSecrets } from "./inlineSecrets.js";
import { locate, type Model, NAMED_SECTIONS, type NamedSection } from "./model.js";
import { checkReferences } from "./references.js";
import { resourceFile, resourceSectionNames, rootFile } from "./schema/root.js";
import { SourceFile } from "./source.js";
import { issuesToDiagnostics } from "./zodIssues.js";

export const ROOT_FILE = "w3o.yaml";

export { RepoNotFoundError };

export type LoadResult = { model?: Model; diagnostics: Diagnostic[] };

/**
 * Loads a whole infra repo and reports every problem at once: YAML syntax, schema,
 * inline secrets, duplicates and references. `model` is set only when there is no error.
 */
export async function loadRepo(dir: string): Promise<LoadResult> {
  const root = path.resolve(dir);
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new RepoNotFoundError(dir);

  const diagnostics: Diagnostic[] = [];
  const files: Record<string, SourceFile> = {};
  const origins: Record<string, string> = {};
  const names = Object.fromEntries(NAMED_SECTIONS.map((s) => [s, new Set<string>()])) as Record<NamedSection, Set<string>>;
  const sections = Object.fromEntries(NAMED_SECTIONS.map((s) => [s, {}])) as Record<NamedSection, Record<string, unknown>>;

  const rootRead = await readConfigFile(root, ROOT_FILE);
  if (!rootRead.ok) {
    const d = rootRead.diagnostic;
    if (d.code === "file-missing") {
      d.message = `no ${ROOT_FILE} in ${dir}`;
      d.hint = `An infra repo has w3o.yaml at its root. Run \`w3o init${dir === "." ? "" : ` ${dir}`}\` to create one.`;
    }
    return { diagnostics: [d] };
  }
  const rootSource = parseFile(ROOT_FILE, rootRead.text, diagnostics);
  if (!rootSource) return { diagnostics: sortDiagnostics(diagnostics) };
  files[ROOT_FILE] = rootSource;
  const rootData = rootSource.doc.toJS() as Record<string, unknown> | null;
  const rootParsed = validate(rootSource, rootFile, rootData, diagnostics);
  collect(rootSource, rootData, NAMED_SECTIONS, sections, names, origins, files, diagnostics);

  const includes = Array.isArray(rootData?.include) ? rootData.include.filter((x): x is string => typeof x === "string") : [];
  for (const [i, entry] of includes.entries()) {
    if (path.isAbsolute(entry) || !isInside(root, path.join(root, entry))) {
      diagnostics.push({
        file: ROOT_FILE,
        ...rootSource.locate(["include", i]),
        severity: "error",
        code: "include-outside-repo",
        message: `include "${entry}" points outside the repository`,
        hint: "List paths relative to w3o.yaml, inside the repo.",
      });
    }
  }
  const safeIncludes = includes.filter((e) => !path.isAbsolute(e) && isInside(root, path.join(root, e)));
  for (const file of await expandIncludes(root, safeIncludes)) {
    const read = await readConfigFile(root, file);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const source = parseFile(file, read.text, diagnostics);
    if (!source) continue;
    files[file] = source;
    const data = source.doc.toJS() as Record<string, unknown> | null;
    validate(source, resourceFile, data, diagnostics);
    collect(source, data, resourceSectionNames, sections, names, origins, files, diagnostics);
  }

  for (const source of Object.values(files)) diagnostics.push(...findInlineSecrets(source));

  const partial = { ...(rootParsed ?? {}), dir: root, files, origins, ...sections } as unknown as Model;
  diagnostics.push(...checkReferences(partial, names));
  diagnostics.push(...(await checkSources(partial)));

  const sorted = sortDiagnostics(dedupe(diagnostics));
  const failed = sorted.some((d) => d.severity === "error") || !rootParsed;
  return { model: failed ? undefined : partial, diagnostics: sorted };
}

/** Like `loadRepo`, but throws a `ConfigError` listing every problem. */
export async function loadModel(dir: string): Promise<Model> {
  const { model, diagnostics } = await loadRepo(dir);
  if (!model) throw new ConfigError(diagnostics);
  return model;
}

/** Each contract's source must exist: in the repo, or as a package import such as @openzeppelin/…. */
async function checkSources(model: Model): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const [name, c] of Object.entries(model.contracts)) {
    const isPackage = c.source.startsWith("@");
    const found = isPackage
      ? resolvePackageFile(model.dir, c.source)
      : await stat(path.join(model.dir, c.source)).then(
          (s) => s.isFile(),
          () => false,
        );
    if (!found) {
      out.push({
        ...locate(model, "contracts", name, ["source"]),
        severity: "error",
        code: "source-missing",
        message: `contracts.${name}.source "${c.source}" does not exist`,
        hint: isPackage
          ? `Install the package that provides it (npm install ${c.source.split("/").slice(0, 2).join("/")}).`
          : "Give the path of a .sol file relative to the repo root.",
      });
    }
  }
  return out;
}

function resolvePackageFile(repoDir: string, spec: string): boolean {
  for (const base of [path.join(repoDir, "package.json"), import.meta.url]) {
    try {
      createRequire(base).resolve(spec);
      return true;
    } catch {}
  }
  return false;
}

function parseFile(file: string, text: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const source = new SourceFile(file, text);
  for (const e of source.doc.errors) {
    const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
    diagnostics.push({
      file,
      line,
      col,
      severity: "error",
      code: "yaml-syntax",
      message: `invalid YAML: ${firstLine(e.message)}`,
      hint: yamlHint(e.code),
    });
  }
  if (source.doc.errors.length) return undefined;
  const data = source.doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      severity: "error",
      code: "invalid-type",
      message: `${file} must be a mapping of sections (key: value), not ${Array.isArray(data) ? "a list" : "a single value"}`,
      hint: "Start the file with sections such as `version: 1` or `contracts:`.",
    });
    return undefined;
  }
  return source;
}

/** Validates a whole file; returns the parsed value when it is valid. */
function validate<T extends z.ZodType>(source: SourceFile, schema: T, data: unknown, diagnostics: Diagnostic[]): z.infer<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  diagnostics.push(...issuesToDiagnostics(result.error.issues, source, schema, data));
  return undefined;
}

/**
 * Parses each named resource on its own, so that one broken resource does not hide
 * reference errors in the others; records names (even of invalid resources) and origins.
 */
function collect(
  source: SourceFile,
  data: Record<string, unknown> | null,
  allowed: readonly string[],
  sections: Record<NamedSection, Record<string, unknown>>,
  names: Record<NamedSection, Set<string>>,
  origins: Record<string, string>,
  files: Record<string, SourceFile>,
  diagnostics: Diagnostic[],
) {
  for (const section of NAMED_SECTIONS) {
    if (!allowed.includes(section)) continue;
    const entries = data?.[section];
    if (!entries || typeof entries !== "object" || Array.isArray(entries)) continue;
    const valueSchema = entrySchema(section);
    for (const [name, value] of Object.entries(entries)) {
      const key = `${section}.${name}`;
      const first = origins[key];
      if (first !== undefined) {
        const firstPos = files[first]?.locate([section, name], { key: true });
        diagnostics.push({
          file: source.file,
          ...source.locate([section, name], { key: true }),
          severity: "error",
          code: "duplicate-name",
          message: `${section}.${name} is defined twice`,
          hint: `It is already defined in ${first}${firstPos ? `:${firstPos.line}:${firstPos.col}` : ""}. Rename one of them or merge them.`,
        });
        continue;
      }
      origins[key] = source.file;
      names[section].add(name);
      const parsed = valueSchema.safeParse(value);
      if (parsed.success) sections[section][name] = parsed.data;
    }
  }
}

function entrySchema(section: NamedSection): z.ZodType {
  let s = rootFile.shape[section] as unknown as z.core.$ZodType;
  for (;;) {
    const def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; valueType?: z.core.$ZodType };
    if (def.type === "record") return def.valueType as unknown as z.ZodType;
    s = def.innerType as z.core.$ZodType;
  }
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
