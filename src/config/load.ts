import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { isMap, isScalar } from "yaml";
import type { z } from "zod";
import { compareStrings } from "../util/compare.js";
import { checkAccountSigners, checkProductionKeys } from "./accountSigners.js";
import { ConfigError, type Diagnostic, RepoNotFoundError, redactDiagnostics, sortDiagnostics } from "./diagnostics.js";
import { expandInclude, isInside, readConfigFile, toPosix } from "./files.js";
import { findInlineSecrets, secretsIn } from "./inlineSecrets.js";
import { locate, type Model, NAMED_SECTIONS, type NamedSection } from "./model.js";
import { parseConfig } from "./parse.js";
import { checkReferences } from "./references.js";
import { fromCheckout, type RepoSource } from "./repoSource.js";
import { resourceFile, resourceSectionNames, rootFile } from "./schema/root.js";
import type { SourceFile } from "./source.js";
import { issuesToDiagnostics } from "./zodIssues.js";

export const ROOT_FILE = "w3o.yaml";

export { fromGitCommit, GitRefNotFoundError } from "./gitSource.js";
export { fromCheckout, type RepoSource } from "./repoSource.js";
export { RepoNotFoundError };

export type LoadResult = { model?: Model; diagnostics: Diagnostic[] };

/** What the files read so far define, and what they leave unknown. */
type Loading = {
  diagnostics: Diagnostic[];
  files: Record<string, SourceFile>;
  origins: Record<string, string>;
  names: Record<NamedSection, Set<string>>;
  sections: Record<NamedSection, Record<string, unknown>>;
  uncertain: { sections: Set<NamedSection>; names: Set<string> };
  /** Values no diagnostic may repeat, from every file read (see `secretsIn`). */
  secrets: Set<string>;
};

/**
 * Loads a whole infra repo and reports every problem at once: YAML syntax, schema,
 * inline secrets, duplicates and references. `model` is set only when there is no error.
 * Every diagnostic returned has been through the redaction.
 */
export async function loadRepo(from: string | RepoSource): Promise<LoadResult> {
  if (typeof from === "string" && !(await stat(path.resolve(from)).catch(() => undefined))?.isDirectory())
    throw new RepoNotFoundError(from);
  const source = typeof from === "string" ? fromCheckout(from) : from;
  const root = source.dir;
  const dir = source.label;

  const state: Loading = {
    diagnostics: [],
    files: {},
    origins: {},
    names: Object.fromEntries(NAMED_SECTIONS.map((s) => [s, new Set<string>()])) as Loading["names"],
    sections: Object.fromEntries(NAMED_SECTIONS.map((s) => [s, {}])) as Loading["sections"],
    uncertain: { sections: new Set(), names: new Set() },
    secrets: new Set(),
  };

  const rootRead = await readConfigFile(source, ROOT_FILE);
  if (!rootRead.ok) {
    const d = rootRead.diagnostic;
    if (d.code === "file-missing") {
      d.message = `no ${ROOT_FILE} in ${dir}`;
      d.hint =
        typeof from === "string"
          ? `An infra repo has w3o.yaml at its root. Run \`w3o init${dir === "." ? "" : ` ${dir}`}\` to create one.`
          : "An infra repo has w3o.yaml at its root: that commit has none.";
    }
    return finish(state, [d]);
  }
  const rootParsed = parse(state, ROOT_FILE, rootRead.text, NAMED_SECTIONS);
  if (!rootParsed) return finish(state);
  const { source: rootSource, data: rootData } = rootParsed;
  const rootModel = validate(rootSource, rootFile, rootData, state.diagnostics);
  collect(state, rootSource, rootData, NAMED_SECTIONS);

  const read = new Set<string>([rootRead.realPath]);
  for (const file of await includedFiles(state, source, rootSource, rootData)) {
    const got = await readConfigFile(source, file);
    if (!got.ok) {
      state.diagnostics.push(got.diagnostic);
      unknownContent(state, undefined, resourceSectionNames);
      continue;
    }
    if (read.has(got.realPath)) continue; // the same file, reached through a second path
    read.add(got.realPath);
    const parsed = parse(state, file, got.text, resourceSectionNames);
    if (!parsed) continue;
    validate(parsed.source, resourceFile, parsed.data, state.diagnostics);
    collect(state, parsed.source, parsed.data, resourceSectionNames);
  }

  const secretFindings = Object.values(state.files).flatMap(findInlineSecrets);
  state.diagnostics = [...withoutEchoOf(state.diagnostics, secretFindings), ...secretFindings];

  const partial = { ...(rootModel ?? {}), dir: root, files: state.files, origins: state.origins, ...state.sections } as unknown as Model;
  state.diagnostics.push(...checkReferences(partial, state.names, state.uncertain));
  state.diagnostics.push(...(await checkSources(partial, source)));
  if (rootModel) state.diagnostics.push(...checkAccountSigners(partial), ...checkProductionKeys(partial));
  return finish(state, state.diagnostics, rootModel ? partial : undefined);
}

/** Sorted, deduplicated, redacted: the only way diagnostics leave the loader. */
function finish(state: Loading, list = state.diagnostics, model?: Model): LoadResult {
  const diagnostics = redactDiagnostics(sortDiagnostics(dedupe(list)), [...state.secrets]);
  return { model: diagnostics.some((d) => d.severity === "error") ? undefined : model, diagnostics };
}

/** Parses one file; on failure records its one error, and that what it defines is unknown. */
function parse(state: Loading, file: string, text: string, allowed: readonly NamedSection[]) {
  const parsed = parseConfig(file, text);
  for (const secret of secretsIn(text, parsed.source)) state.secrets.add(secret);
  if (parsed.ok) {
    state.files[file] = parsed.source;
    return parsed;
  }
  state.diagnostics.push(parsed.diagnostic);
  unknownContent(state, parsed.source, allowed);
  return undefined;
}

/**
 * Records what a file that failed may have defined, so that references to it are not reported
 * as missing: the names YAML's error recovery still found in it, or, for a file that could not
 * be read at all, anything its sections can hold.
 */
function unknownContent(state: Loading, source: SourceFile | undefined, allowed: readonly NamedSection[]) {
  const contents = source?.doc.contents;
  for (const section of allowed) {
    const pair = isMap(contents) ? contents.items.find((p) => isScalar(p.key) && p.key.value === section) : undefined;
    if (source && !pair) continue;
    if (!isMap(pair?.value)) {
      state.uncertain.sections.add(section);
      continue;
    }
    for (const item of pair.value.items) if (isScalar(item.key)) state.uncertain.names.add(`${section}.${String(item.key.value)}`);
  }
}

/** The files `include` names, refusing entries that leave the repo (by their path, or by a symlinked folder). */
async function includedFiles(
  state: Loading,
  source: RepoSource,
  rootSource: SourceFile,
  rootData: Record<string, unknown>,
): Promise<string[]> {
  const includes = Array.isArray(rootData.include) ? rootData.include : [];
  const files = new Set<string>();
  for (const [i, entry] of includes.entries()) {
    if (typeof entry !== "string") continue;
    const refuse = (message: string, hint: string) => {
      state.diagnostics.push({
        file: ROOT_FILE,
        ...rootSource.locate(["include", i]),
        severity: "error",
        code: "include-outside-repo",
        message,
        hint,
      });
      unknownContent(state, undefined, resourceSectionNames);
    };
    if (path.isAbsolute(entry) || !isInside(source.dir, path.join(source.dir, entry))) {
      refuse(`include "${entry}" points outside the repository`, "List paths relative to w3o.yaml, inside the repo.");
      continue;
    }
    const expansion = await expandInclude(source, entry);
    if (expansion.outside !== undefined) {
      const what = expansion.outside === toPosix(path.normalize(entry)).replace(/\/$/, "") ? "is" : `holds ${expansion.outside}, which is`;
      refuse(
        `include "${entry}" ${what} a symlinked folder whose real path is outside the repository`,
        "Config must live in the repo so that every change to it is reviewed: copy the folder in instead of linking it.",
      );
      continue;
    }
    for (const file of expansion.files) files.add(file);
  }
  return [...files].sort(compareStrings);
}

/** A value reported as an inline secret is not reported again as a wrong value at the same place. */
function withoutEchoOf(list: Diagnostic[], secretFindings: Diagnostic[]): Diagnostic[] {
  const at = new Set(secretFindings.map((d) => `${d.file}:${d.line}:${d.col}`));
  return list.filter((d) => !(d.code === "invalid-value" && at.has(`${d.file}:${d.line}:${d.col}`)));
}

/** Like `loadRepo`, but throws a `ConfigError` listing every problem. */
export async function loadModel(dir: string): Promise<Model> {
  const { model, diagnostics } = await loadRepo(dir);
  if (!model) throw new ConfigError(diagnostics);
  return model;
}

/**
 * Each contract's source must exist: in the repo (by its real path, so a symlink cannot bring
 * in a file from elsewhere), or as a package import such as @openzeppelin/….
 */
async function checkSources(model: Model, source: RepoSource): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const [name, c] of Object.entries(model.contracts)) {
    const isPackage = c.source.startsWith("@");
    const info = isPackage ? undefined : await source.info(toPosix(path.normalize(c.source)));
    const at = { ...locate(model, "contracts", name, ["source"]), severity: "error" as const };
    if (info?.type === "outside") {
      out.push({
        ...at,
        code: "source-outside-repo",
        message: `contracts.${name}.source "${c.source}" is outside the repository`,
        hint: "Keep contract sources in the repo so that every change to them is reviewed, or import them from a package (@openzeppelin/…).",
      });
      continue;
    }
    const found = isPackage ? resolvePackageFile(model.dir, c.source) : info?.type === "file";
    if (!found) {
      out.push({
        ...at,
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
function collect(state: Loading, source: SourceFile, data: Record<string, unknown>, allowed: readonly string[]) {
  for (const section of NAMED_SECTIONS) {
    if (!allowed.includes(section)) continue;
    const entries = data[section];
    if (entries === undefined || entries === null) continue;
    if (typeof entries !== "object" || Array.isArray(entries)) {
      state.uncertain.sections.add(section); // reported by the schema; its names are unknown
      continue;
    }
    const valueSchema = entrySchema(section);
    for (const [name, value] of Object.entries(entries)) {
      const key = `${section}.${name}`;
      const first = state.origins[key];
      if (first !== undefined) {
        const firstPos = state.files[first]?.locate([section, name], { key: true });
        state.diagnostics.push({
          file: source.file,
          ...source.locate([section, name], { key: true }),
          severity: "error",
          code: "duplicate-name",
          message: `${section}.${name} is defined twice`,
          hint: `It is already defined in ${first}${firstPos ? `:${firstPos.line}:${firstPos.col}` : ""}. Rename one of them or merge them.`,
        });
        state.uncertain.names.add(key);
        continue;
      }
      state.origins[key] = source.file;
      state.names[section].add(name);
      const parsed = valueSchema.safeParse(value);
      if (parsed.success) state.sections[section][name] = parsed.data;
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
