import path from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import type { RepoSource } from "./repoSource.js";
import { findNonText } from "./text.js";

/** Config files larger than this are refused: nobody writes 1 MiB of YAML by hand. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string; realPath: string } | { ok: false; diagnostic: Diagnostic };

const fail = (file: string, code: string, message: string, hint: string, at = { line: 1, col: 1 }): ReadResult => ({
  ok: false,
  diagnostic: { file, ...at, severity: "error", code, message, hint },
});

const OUTSIDE_HINT = "Config must live in the repo so that every change to it is reviewed: copy the file in instead of linking it.";
const NOT_A_FILE_HINT = "List only YAML files under `include`: w3o never reads pipes, sockets or devices.";

/**
 * Reads one config file of the repo, refusing what cannot be YAML config: a path whose real
 * location (after every symlink, in the file's name or in its folders) is outside the repo,
 * anything but a regular file (checked before it is opened, so a FIFO cannot hang the load),
 * a binary, an empty or an oversized file. The same checks hold for a checkout and a git commit.
 */
export async function readConfigFile(source: RepoSource, relFile: string): Promise<ReadResult> {
  const info = await source.info(relFile);
  if (info.type === "missing")
    return fail(relFile, "file-missing", `${relFile} does not exist`, "Create it, or remove it from `include` in w3o.yaml.");
  if (info.type === "dangling")
    return fail(relFile, "file-missing", `${relFile} is a symlink to nothing`, "Point the link at a file in the repo, or delete it.");
  if (info.type === "outside") {
    const how = info.link ? "is a symlink that points" : "is reached through a symlinked folder that points";
    return fail(relFile, "symlink-outside-repo", `${relFile} ${how} outside the repository`, OUTSIDE_HINT);
  }
  if (info.type !== "file") {
    const what = info.type === "dir" ? "a folder" : info.what;
    return fail(relFile, "not-a-file", `${relFile} is ${what}, not a regular file`, NOT_A_FILE_HINT);
  }
  if (info.size > MAX_CONFIG_BYTES) return tooLarge(relFile, info.size);

  const got = await source.read(relFile, MAX_CONFIG_BYTES);
  if (!got.ok) {
    return "size" in got
      ? tooLarge(relFile, got.size)
      : fail(relFile, "not-a-file", `${relFile} is ${got.what}, not a regular file`, NOT_A_FILE_HINT);
  }
  const bytes = got.bytes;

  const nonText = findNonText(bytes);
  if (nonText) {
    return fail(
      relFile,
      "binary-file",
      `${relFile} is not a text file: ${nonText.what} at line ${nonText.line}, column ${nonText.col}`,
      "Config files are UTF-8 YAML text: list only YAML files under `include`.",
      nonText,
    );
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "" || text.split("\n").every((l) => /^\s*(#.*)?$/.test(l))) {
    return fail(relFile, "empty-file", `${relFile} is empty`, "Add content, or delete the file.");
  }
  return { ok: true, text, realPath: info.real };
}

const tooLarge = (relFile: string, size: number) =>
  fail(
    relFile,
    "file-too-large",
    `${relFile} is ${(size / 1024 / 1024).toFixed(1)} MiB; config files may be at most 1 MiB`,
    "Split it into several resource files listed under `include`.",
  );

/** What one `include` entry expands to: its YAML files, or the folder that was refused. */
export type IncludeExpansion = { files: string[]; outside?: string };

/**
 * Expands one `include` entry (a file or a folder) into YAML files relative to the repo root,
 * sorted. Folders are followed by their real path: a folder, or a symlinked folder inside it,
 * whose real location is outside the repo is refused and named in `outside`.
 */
export async function expandInclude(source: RepoSource, entry: string): Promise<IncludeExpansion> {
  const rel = toPosix(path.normalize(entry)).replace(/\/$/, "");
  const info = await source.info(rel);
  // A link out of the repo is refused as a folder when it is one; at a commit, where the target cannot be
  // looked at, an entry not named like a YAML file is taken for a folder.
  if (info.type === "outside" && (info.dir ?? !/\.ya?ml$/.test(rel))) return { files: [], outside: rel };
  if (info.type !== "dir") return { files: [rel] };
  const files: string[] = [];
  const outside = await listYaml(source, rel, files, new Set());
  return outside === undefined ? { files } : { files: [], outside };
}

/** Collects the YAML files below `relDir`; returns the first folder found outside the repo. */
async function listYaml(source: RepoSource, relDir: string, out: string[], seen: Set<string>): Promise<string | undefined> {
  const info = await source.info(relDir);
  if (info.type === "outside") return relDir;
  if (info.type !== "dir" || seen.has(info.real)) return undefined; // a symlink loop inside the repo: each folder is read once
  seen.add(info.real);
  for (const e of await source.list(relDir)) {
    const rel = `${relDir}/${e.name}`;
    if (e.dir) {
      const outside = await listYaml(source, rel, out, seen);
      if (outside !== undefined) return outside;
    } else if (/\.ya?ml$/.test(e.name)) out.push(rel);
  }
  return undefined;
}

export { isInside } from "./repoSource.js";

export const toPosix = (p: string) => p.split(path.sep).join("/");
