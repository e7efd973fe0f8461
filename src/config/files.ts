import { constants } from "node:fs";
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../util/compare.js";
import type { Diagnostic } from "./diagnostics.js";
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
 * a binary, an empty or an oversized file.
 */
export async function readConfigFile(repoRoot: string, relFile: string): Promise<ReadResult> {
  const abs = path.join(repoRoot, relFile);
  const info = await lstat(abs).catch(() => undefined);
  if (!info) return fail(relFile, "file-missing", `${relFile} does not exist`, "Create it, or remove it from `include` in w3o.yaml.");
  const real = await realpath(abs).catch(() => undefined);
  if (!real)
    return fail(relFile, "file-missing", `${relFile} is a symlink to nothing`, "Point the link at a file in the repo, or delete it.");
  if (!isInside(await realpath(repoRoot), real)) {
    const how = info.isSymbolicLink() ? "is a symlink that points" : "is reached through a symlinked folder that points";
    return fail(relFile, "symlink-outside-repo", `${relFile} ${how} outside the repository`, OUTSIDE_HINT);
  }
  const target = await stat(real);
  if (!target.isFile()) return fail(relFile, "not-a-file", `${relFile} is ${kindOf(target)}, not a regular file`, NOT_A_FILE_HINT);
  if (target.size > MAX_CONFIG_BYTES) return tooLarge(relFile, target.size);

  // Opened without blocking and checked again: the path may have been swapped for a FIFO since the stat.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  let bytes: Buffer;
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return fail(relFile, "not-a-file", `${relFile} is ${kindOf(opened)}, not a regular file`, NOT_A_FILE_HINT);
    if (opened.size > MAX_CONFIG_BYTES) return tooLarge(relFile, opened.size);
    bytes = Buffer.alloc(opened.size);
    const { bytesRead } = await handle.read(bytes, 0, opened.size, 0);
    bytes = bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }

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
  return { ok: true, text, realPath: real };
}

const tooLarge = (relFile: string, size: number) =>
  fail(
    relFile,
    "file-too-large",
    `${relFile} is ${(size / 1024 / 1024).toFixed(1)} MiB; config files may be at most 1 MiB`,
    "Split it into several resource files listed under `include`.",
  );

function kindOf(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "a special file";
}

/** What one `include` entry expands to: its YAML files, or the folder that was refused. */
export type IncludeExpansion = { files: string[]; outside?: string };

/**
 * Expands one `include` entry (a file or a folder) into YAML files relative to the repo root,
 * sorted. Folders are followed by their real path: a folder, or a symlinked folder inside it,
 * whose real location is outside the repo is refused and named in `outside`.
 */
export async function expandInclude(repoRoot: string, entry: string): Promise<IncludeExpansion> {
  const rel = toPosix(path.normalize(entry)).replace(/\/$/, "");
  const info = await stat(path.join(repoRoot, rel)).catch(() => undefined);
  if (!info?.isDirectory()) return { files: [rel] };
  const files: string[] = [];
  const outside = await listYaml(await realpath(repoRoot), repoRoot, rel, files, new Set());
  return outside === undefined ? { files } : { files: [], outside };
}

/** Collects the YAML files below `relDir`; returns the first folder found outside the repo. */
async function listYaml(realRoot: string, repoRoot: string, relDir: string, out: string[], seen: Set<string>): Promise<string | undefined> {
  const real = await realpath(path.join(repoRoot, relDir));
  if (!isInside(realRoot, real)) return relDir;
  if (seen.has(real)) return undefined; // a symlink loop inside the repo: each folder is read once
  seen.add(real);
  const entries = await readdir(path.join(repoRoot, relDir), { withFileTypes: true });
  for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
    const rel = `${relDir}/${e.name}`;
    const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(path.join(repoRoot, rel)).catch(() => undefined))?.isDirectory());
    if (isDir) {
      const outside = await listYaml(realRoot, repoRoot, rel, out, seen);
      if (outside !== undefined) return outside;
    } else if (/\.ya?ml$/.test(e.name)) out.push(rel);
  }
  return undefined;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export const toPosix = (p: string) => p.split(path.sep).join("/");
