import path from "node:path";
import { simpleGit } from "simple-git";
import { BaseError } from "../errors/index.js";
import { compareStrings } from "../util/compare.js";
import type { PathInfo, RepoSource } from "./repoSource.js";

/** The ref names no commit of the repository. */
export class GitRefNotFoundError extends BaseError {
  override name = "GitRefNotFoundError";
}

type Entry = { mode: string; type: string; oid: string; size: number };

/** Symlinks followed for one path before it counts as a loop (Linux's own limit). */
const MAX_HOPS = 40;

/**
 * The repo as it is at a commit, read from git's object store (`ls-tree`, `show`) without checking
 * anything out, so a PR run can load the base commit beside the head. Symlinks are entries of mode
 * 120000 whose blob is the target: they are followed as a checkout would follow them, and the same
 * checks refuse one that leaves the repo or points at nothing. Submodules are "other" things, not config.
 */
export async function fromGitCommit(repoDir: string, ref: string): Promise<RepoSource> {
  const dir = path.resolve(repoDir);
  const git = simpleGit(dir);
  const commit = await git.revparse(["--verify", "--quiet", `${ref}^{commit}`]).catch(() => "");
  if (!commit.trim()) {
    throw new GitRefNotFoundError(`${ref} is not a commit of ${repoDir}`, {
      hint: "Pass a branch, tag or commit SHA that git rev-parse knows.",
    });
  }
  // -z: paths verbatim (no quoting of unusual names); -l: blob sizes; -t: trees too.
  const listing = await git.raw(["ls-tree", "-r", "-t", "-l", "-z", commit.trim()]);
  const entries = new Map<string, Entry>();
  const children = new Map<string, string[]>([["", []]]);
  for (const line of listing.split("\0")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const [mode, type, oid, size] = line.slice(0, tab).split(/\s+/) as [string, string, string, string];
    const p = line.slice(tab + 1);
    entries.set(p, { mode, type, oid, size: size === "-" ? 0 : Number(size) });
    const parent = path.posix.dirname(p) === "." ? "" : path.posix.dirname(p);
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(p);
    if (type === "tree") children.set(p, children.get(p) ?? []);
  }
  const blobs = new Map<string, Promise<Buffer>>();
  const blob = (oid: string) => blobs.get(oid) ?? blobs.set(oid, git.showBuffer([oid])).get(oid)!;

  /** Follows every symlink in `rel`: the real repo-relative path, or why there is none. */
  const resolve = async (rel: string): Promise<string | "missing" | "outside"> => {
    const parts = rel.split("/").filter((c) => c && c !== ".");
    const done: string[] = [];
    let hops = 0;
    while (parts.length) {
      const c = parts.shift()!;
      if (c === "..") {
        if (!done.length) return "outside";
        done.pop();
        continue;
      }
      const e = entries.get([...done, c].join("/"));
      if (!e) return "missing";
      if (e.mode === "120000") {
        if (++hops > MAX_HOPS) return "missing";
        const target = (await blob(e.oid)).toString("utf8");
        if (path.posix.isAbsolute(target)) return "outside";
        parts.unshift(...target.split("/"));
        continue;
      }
      done.push(c);
    }
    return done.join("/");
  };

  const info = async (rel: string): Promise<PathInfo> => {
    // As lstat: the folders on the way are followed, the last name is not.
    const name = path.posix.basename(rel);
    const parent = await resolve(path.posix.dirname(rel));
    if (parent === "outside") return { type: "outside", link: false };
    const own = parent === "missing" ? undefined : entries.get(parent ? `${parent}/${name}` : name);
    if (!own) return { type: "missing" };
    const real = await resolve(rel);
    if (real === "missing") return { type: "dangling" };
    if (real === "outside") return { type: "outside", link: own.mode === "120000" };
    const e = real === "" ? { mode: "040000", type: "tree", oid: "", size: 0 } : entries.get(real)!;
    const key = path.join(dir, real);
    if (e.type === "tree") return { type: "dir", real: key };
    if (e.type === "blob") return { type: "file", real: key, size: e.size };
    return { type: "other", real: key, what: e.type === "commit" ? "a submodule" : `a git ${e.type}` };
  };

  return {
    dir,
    label: `${repoDir}@${ref}`,
    info,
    async read(rel, max) {
      const real = await resolve(rel);
      const e = real === "missing" || real === "outside" ? undefined : entries.get(real);
      if (e?.type !== "blob") return { ok: false, what: "not a file at this commit" };
      if (e.size > max) return { ok: false, size: e.size };
      return { ok: true, bytes: await blob(e.oid) };
    },
    async list(rel) {
      const real = await resolve(rel);
      const names = real === "missing" || real === "outside" ? [] : (children.get(real) ?? []);
      const out: { name: string; dir: boolean }[] = [];
      for (const p of names) {
        const name = path.posix.basename(p);
        out.push({ name, dir: (await info(rel ? `${rel}/${name}` : name)).type === "dir" });
      }
      return out.sort((a, b) => compareStrings(a.name, b.name));
    },
  };
}
