import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { loadModel } from "../config/load.js";
import { BaseError } from "../errors/index.js";
import { render, type TargetId } from "./index.js";
import { writeRendered } from "./output.js";
import type { RenderedFile } from "./types.js";

export class GitRefError extends BaseError {
  override name = "GitRefError";
}

/** Runs `fn` in a temporary detached worktree of `ref`, removed afterwards whatever happens. */
export async function withWorktree<T>(
  repoDir: string,
  ref: string,
  fn: (worktree: string, top: string) => Promise<T>,
  branch?: { create: boolean },
): Promise<T> {
  const git = simpleGit(repoDir);
  const top = (await git.revparse(["--show-toplevel"])).trim();
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-worktree-"));
  try {
    if (branch?.create) await git.raw(["worktree", "add", "-b", ref, dir, "HEAD"]);
    else if (branch) await git.raw(["worktree", "add", dir, ref]);
    else {
      if (!(await git.raw(["rev-list", "-n1", "--all"]).catch(() => "")).trim()) {
        throw new GitRefError(`There is no base to diff against: the git repo at ${top} has no commits yet.`, {
          hint: "Commit the infra repo first (git add -A && git commit -m init), or render without --diff.",
        });
      }
      try {
        await git.raw(["worktree", "add", "--detach", dir, ref]);
      } catch (e) {
        throw new GitRefError(`Cannot check out "${ref}" to render the base.`, {
          cause: e,
          hint: "Pass a branch, tag or commit that exists, e.g. --base origin/main.",
        });
      }
    }
    return await fn(dir, top);
  } finally {
    await git.raw(["worktree", "remove", "--force", dir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders the infra repo as it was at `ref` (the repo may sit in a subfolder of the git repo). */
export async function renderAtRef(repoDir: string, ref: string, env: string, targets?: readonly TargetId[]): Promise<RenderedFile[]> {
  const abs = path.resolve(repoDir);
  return withWorktree(abs, ref, async (worktree, top) => {
    const model = await loadModel(path.join(worktree, path.relative(top, abs)));
    return render(model, env, targets);
  });
}

export type CommitResult = { committed: boolean; commit?: string; branch: string; files: number };

/**
 * GitOps mode: writes the rendered files to `gitops.path` and commits them, on the current
 * branch or, when `gitops.branch` is set, on that branch (created from HEAD if missing) via a
 * temporary worktree so the working copy is never switched under the user.
 */
export async function commitRendered(opts: {
  repoDir: string;
  outPath: string;
  branch?: string;
  env: string;
  targets: readonly string[];
  files: RenderedFile[];
  message: string;
}): Promise<CommitResult> {
  const abs = path.resolve(opts.repoDir);
  const git = simpleGit(abs);
  const top = (await git.revparse(["--show-toplevel"])).trim();
  const rel = path.join(path.relative(top, abs), opts.outPath);
  const commitIn = async (dir: string): Promise<CommitResult> => {
    const g = simpleGit(dir);
    await writeRendered(path.join(dir, rel), opts.env, opts.targets, opts.files);
    await g.add(["-A", "--", rel]);
    const branch = (await g.revparse(["--abbrev-ref", "HEAD"])).trim();
    const staged = (await g.diff(["--cached", "--name-only", "--", rel])).trim();
    if (!staged) return { committed: false, branch, files: opts.files.length };
    // Only the rendered path: whatever else the user has staged stays staged, uncommitted.
    const res = await g.commit(opts.message, [rel]);
    return { committed: true, commit: res.commit || (await g.revparse(["HEAD"])).trim(), branch, files: opts.files.length };
  };
  const current = (await git.revparse(["--abbrev-ref", "HEAD"])).trim();
  if (!opts.branch || opts.branch === current) return commitIn(top);
  const exists = (await git.branchLocal()).all.includes(opts.branch);
  return withWorktree(top, opts.branch, commitIn, { create: !exists });
}
