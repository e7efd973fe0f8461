import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { simpleGit } from "simple-git";
import { SourceFile } from "../config/source.js";
import { BaseError } from "../errors/index.js";
import { ignoreFile } from "./schema.js";
import type { DiffFile, RepoFile, SuppressionEntry } from "./types.js";

export const IGNORE_FILE = ".w3oignore.yaml";
const SKIP_DIRS = new Set([".git", "node_modules", "dist", ".scratch", "coverage", ".w3o"]);
const MAX_SCAN_BYTES = 1024 * 1024;

export class IgnoreFileError extends BaseError {
  override name = "IgnoreFileError";
}

/** Every file of the repo with its mode, and its text when it is a small text file. */
export async function collectFiles(dir: string): Promise<RepoFile[]> {
  const paths = (await gitPaths(dir)) ?? (await walkPaths(dir));
  const out: RepoFile[] = [];
  for (const relPath of paths.sort()) {
    const abs = path.join(dir, relPath);
    const info = await lstat(abs).catch(() => undefined);
    if (!info?.isFile()) continue; // deleted in the work tree, or a symlink
    const file: RepoFile = { path: relPath, mode: info.mode & 0o7777 };
    if (info.size <= MAX_SCAN_BYTES) {
      const bytes = await readFile(abs);
      if (!bytes.includes(0)) file.content = bytes.toString("utf8");
    }
    out.push(file);
  }
  return out;
}

/**
 * In a git work tree, the files a commit can contain: tracked ones and untracked ones git does
 * not ignore. What .gitignore keeps out (build output, w3o's own .w3o/ state) is never committed.
 */
async function gitPaths(dir: string): Promise<string[] | undefined> {
  try {
    const git = simpleGit(dir);
    if (!(await git.checkIsRepo())) return undefined;
    const out = await git.raw(["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "."]);
    return out.split("\0").filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Outside git, every file below the repo root except well-known generated folders. */
async function walkPaths(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(relPath);
      } else if (e.isFile()) out.push(relPath);
    }
  };
  await walk("");
  return out;
}

/** `.w3oignore.yaml`, validated, with the line of each entry for findings about it. */
export async function readIgnoreFile(dir: string): Promise<{ file: string; suppressions: SuppressionEntry[] } | undefined> {
  const text = await readFile(path.join(dir, IGNORE_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const source = new SourceFile(IGNORE_FILE, text);
  const parsed = ignoreFile.safeParse(source.doc.toJS() ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const pos = source.locate(i.path as (string | number)[]);
      return `${IGNORE_FILE}:${pos.line}:${pos.col}: ${i.path.join(".")}: ${i.message}`;
    });
    throw new IgnoreFileError(`${IGNORE_FILE} is invalid`, {
      metaMessages: issues,
      hint: "Each entry needs rule (W3O-XXX-NNN), resource, reason and expires (YYYY-MM-DD).",
    });
  }
  return {
    file: IGNORE_FILE,
    suppressions: parsed.data.suppressions.map((s, i) => ({ ...s, line: source.locate(["suppressions", i]).line })),
  };
}

/**
 * The lines added between `base` and the working tree (staged, unstaged and untracked files),
 * with their line numbers in the new version, read through git.
 */
export async function diffFrom(dir: string, base: string): Promise<DiffFile[]> {
  const git = simpleGit(dir);
  const root = (await git.revparse(["--show-toplevel"])).trim();
  const prefix = path.relative(root, path.resolve(dir)).split(path.sep).join("/");
  await git.revparse(["--verify", `${base}^{commit}`]).catch((e: unknown) => {
    throw new BaseError(`--base ${base} is not a commit in ${dir}`, {
      cause: e,
      hint: "Fetch the base branch first (git fetch origin main) or pass a commit.",
    });
  });
  const patch = await git.diff(["--unified=0", "--no-color", "--no-ext-diff", "--relative", base, "--", "."]);
  const files = parseUnifiedDiff(patch);
  const untracked = (await git.raw(["ls-files", "--others", "--exclude-standard", "--", "."])).split("\n").filter(Boolean);
  for (const rel of untracked) {
    const local = prefix && rel.startsWith(`${prefix}/`) ? rel.slice(prefix.length + 1) : rel;
    const bytes = await readFile(path.join(dir, local)).catch(() => undefined);
    if (!bytes || bytes.includes(0) || bytes.length > MAX_SCAN_BYTES) continue;
    files.push({
      path: local,
      added: bytes
        .toString("utf8")
        .split("\n")
        .map((text, i) => ({ line: i + 1, text })),
    });
  }
  return files;
}

/** Added lines of a `--unified=0` diff, by file. */
export function parseUnifiedDiff(patch: string): DiffFile[] {
  const out: DiffFile[] = [];
  let current: DiffFile | undefined;
  let line = 0;
  for (const raw of patch.split("\n")) {
    if (raw.startsWith("+++ ")) {
      const target = raw.slice(4);
      current = target === "/dev/null" ? undefined : { path: target.replace(/^b\//, ""), added: [] };
      if (current) out.push(current);
    } else if (raw.startsWith("@@")) {
      const m = /\+(\d+)(?:,\d+)?/.exec(raw);
      line = m ? Number(m[1]) : 0;
    } else if (current && raw.startsWith("+")) {
      current.added.push({ line, text: raw.slice(1) });
      line++;
    }
  }
  return out.filter((f) => f.added.length > 0);
}

/** The git work tree holding `dir` (or `dir` itself outside git), for SARIF URIs that resolve on GitHub. */
export async function sarifRoot(dir: string): Promise<{ prefix: string; uri: string }> {
  const abs = await realpath(path.resolve(dir));
  const top = await simpleGit(abs)
    .revparse(["--show-toplevel"])
    .then((t) => realpath(t.trim()))
    .catch(() => abs);
  const prefix = path.relative(top, abs).split(path.sep).join("/");
  return { prefix, uri: pathToFileURL(top).href.replace(/\/?$/, "/") };
}
