import { constants } from "node:fs";
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../util/compare.js";

/**
 * What is at a repo-relative path once every symlink (in its name or its folders) is followed:
 * nothing, a link to nothing, somewhere outside the repo, or a file, folder or something else, with
 * the real location as a key (two paths to the same file have the same `real`).
 */
export type PathInfo =
  | { type: "missing" }
  | { type: "dangling" }
  /** `dir`: whether the outside target is a folder, when the source can tell (a checkout can, a commit cannot). */
  | { type: "outside"; link: boolean; dir?: boolean }
  | { type: "file"; real: string; size: number }
  | { type: "dir"; real: string }
  | { type: "other"; real: string; what: string };

/** A file's bytes, or why they cannot be config after all (the path changed into something else since `info`). */
export type ReadBytes = { ok: true; bytes: Buffer } | { ok: false; what: string } | { ok: false; size: number };

/**
 * Where the loader reads an infra repo from: a checkout, or a git commit without checking it out.
 * The loader's checks (inside the repo, regular files only, size, text) are written once against it.
 */
export type RepoSource = {
  /** The repo's folder: the model's `dir`, where compiling, records and state are found. */
  readonly dir: string;
  /** How messages name the repo: the folder, or `<folder>@<ref>`. */
  readonly label: string;
  info(rel: string): Promise<PathInfo>;
  /** Reads a file `info` said was one, refusing anything but a regular file of at most `max` bytes. */
  read(rel: string, max: number): Promise<ReadBytes>;
  /** A folder's entries, sorted by name; `dir` follows symlinked folders. */
  list(rel: string): Promise<{ name: string; dir: boolean }[]>;
};

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The repo as it is on disk: real paths by `realpath`, files opened without blocking (a FIFO cannot hang the load). */
export function fromCheckout(dir: string): RepoSource {
  const root = path.resolve(dir);
  let realRoot: Promise<string> | undefined;
  return {
    dir: root,
    label: dir,
    async info(rel) {
      const abs = path.join(root, rel);
      const link = await lstat(abs).catch(() => undefined);
      if (!link) return { type: "missing" };
      const real = await realpath(abs).catch(() => undefined);
      if (!real) return { type: "dangling" };
      realRoot ??= realpath(root);
      if (!isInside(await realRoot, real)) return { type: "outside", link: link.isSymbolicLink(), dir: (await stat(real)).isDirectory() };
      const s = await stat(real);
      if (s.isFile()) return { type: "file", real, size: s.size };
      if (s.isDirectory()) return { type: "dir", real };
      return { type: "other", real, what: kindOf(s) };
    },
    async read(rel, max) {
      // Checked again on the open handle: the path may have been swapped for a FIFO since `info`.
      const handle = await open(await realpath(path.join(root, rel)), constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const opened = await handle.stat();
        if (!opened.isFile()) return { ok: false, what: kindOf(opened) };
        if (opened.size > max) return { ok: false, size: opened.size };
        const bytes = Buffer.alloc(opened.size);
        const { bytesRead } = await handle.read(bytes, 0, opened.size, 0);
        return { ok: true, bytes: bytes.subarray(0, bytesRead) };
      } finally {
        await handle.close();
      }
    },
    async list(rel) {
      const entries = await readdir(path.join(root, rel), { withFileTypes: true });
      const out: { name: string; dir: boolean }[] = [];
      for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
        const linkedDir = e.isSymbolicLink() && (await stat(path.join(root, rel, e.name)).catch(() => undefined))?.isDirectory();
        out.push({ name: e.name, dir: e.isDirectory() || Boolean(linkedDir) });
      }
      return out;
    },
  };
}

export function kindOf(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  return "a special file";
}
