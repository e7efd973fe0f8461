import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../util/compare.js";
import type { Diagnostic } from "./diagnostics.js";

/** Config files larger than this are refused: nobody writes 1 MiB of YAML by hand. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const fail = (file: string, code: string, message: string, hint: string): ReadResult => ({
  ok: false,
  diagnostic: { file, line: 1, col: 1, severity: "error", code, message, hint },
});

/**
 * Reads one config file of the repo, refusing what cannot be YAML config:
 * a symlink that leaves the repo, a binary, an empty or an oversized file.
 */
export async function readConfigFile(repoRoot: string, relFile: string): Promise<ReadResult> {
  const abs = path.join(repoRoot, relFile);
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(abs);
  } catch {
    return fail(relFile, "file-missing", `${relFile} does not exist`, "Create it, or remove it from `include` in w3o.yaml.");
  }
  if (info.isSymbolicLink()) {
    const target = await realpath(abs).catch(() => undefined);
    const root = await realpath(repoRoot);
    if (!target || !isInside(root, target)) {
      return fail(
        relFile,
        "symlink-outside-repo",
        `${relFile} is a symlink that points outside the repository`,
        "Config must live in the repo so that every change to it is reviewed: copy the file in instead of linking it.",
      );
    }
  }
  const size = (await stat(abs)).size;
  if (size > MAX_CONFIG_BYTES) {
    return fail(
      relFile,
      "file-too-large",
      `${relFile} is ${(size / 1024 / 1024).toFixed(1)} MiB; config files may be at most 1 MiB`,
      "Split it into several resource files listed under `include`.",
    );
  }
  const bytes = await readFile(abs);
  if (bytes.includes(0)) {
    return fail(relFile, "binary-file", `${relFile} is a binary file, not YAML`, "List only YAML files under `include`.");
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "" || text.split("\n").every((l) => /^\s*(#.*)?$/.test(l))) {
    return fail(relFile, "empty-file", `${relFile} is empty`, "Add content, or delete the file.");
  }
  return { ok: true, text };
}

/** Expands `include` entries (files or folders) into YAML files, relative to the repo root, sorted. */
export async function expandIncludes(repoRoot: string, includes: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const entry of includes) {
    const rel = toPosix(path.normalize(entry)).replace(/\/$/, "");
    const abs = path.join(repoRoot, rel);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const file of await listYaml(repoRoot, rel)) out.add(file);
    } else {
      out.add(rel);
    }
  }
  return [...out].sort();
}

async function listYaml(repoRoot: string, relDir: string): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, relDir), { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
    const rel = `${relDir}/${e.name}`;
    if (e.isDirectory()) files.push(...(await listYaml(repoRoot, rel)));
    else if (/\.ya?ml$/.test(e.name)) files.push(rel);
  }
  return files;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export const toPosix = (p: string) => p.split(path.sep).join("/");
