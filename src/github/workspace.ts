import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { BaseError } from "../errors/BaseError.js";
import { redact } from "../errors/redact.js";
import type { RepoRef } from "./stickyComment.js";

export class WorkspaceError extends BaseError {
  override name = "WorkspaceError";
}

export type WorkspaceOptions = {
  /** Where the cached clones (one bare repo per GitHub repo) and the jobs' worktrees live. */
  cacheDir: string;
  /** Clones `<baseUrl>/<owner>/<repo>.git`: https://github.com, a GHES host, or a local folder in tests. */
  baseUrl?: string;
};

export type CheckoutJob = RepoRef & {
  /** The installation token; sent as an HTTP header, never in a URL, never in a message. */
  token: string;
  headSha: string;
  /** Fetched too, so the engine can audit and diff against it in the same repo. */
  baseSha?: string;
};

/** Basic auth with the token, as GitHub's git endpoints take an installation token. */
function authConfig(token: string): string[] {
  return [`http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`];
}

/**
 * The app's workspace: one cached bare clone per repo, and per job a detached worktree of the PR's head,
 * removed afterwards whatever happens. Jobs on the same repo take turns on its clone (git's own locks
 * are not enough for two fetches writing FETCH_HEAD at once); the work in the worktrees runs in parallel.
 */
export function createWorkspace(opts: WorkspaceOptions) {
  const baseUrl = (opts.baseUrl ?? "https://github.com").replace(/\/+$/, "");
  const turns = new Map<string, Promise<unknown>>();

  /** Runs `fn` after the jobs already queued on `key`, never in parallel with them. */
  function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const next = (turns.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    turns.set(key, next);
    return next;
  }

  async function prepare(job: CheckoutJob, clone: string, worktree: string): Promise<void> {
    const git = simpleGit({ config: authConfig(job.token) });
    await mkdir(clone, { recursive: true });
    const bare = simpleGit({ baseDir: clone, config: authConfig(job.token) });
    if (!existsSync(path.join(clone, "HEAD"))) {
      await git.raw(["init", "--bare", "--quiet", clone]);
      await bare.raw(["remote", "add", "origin", `${baseUrl}/${job.owner}/${job.repo}.git`]);
    }
    const shas = [job.headSha, ...(job.baseSha ? [job.baseSha] : [])];
    await bare.raw(["fetch", "--quiet", "--no-tags", "origin", ...shas]);
    await bare.raw(["worktree", "add", "--detach", worktree, job.headSha]);
  }

  return {
    /** Checks out the job's head in its own worktree, runs `fn` in it, and removes the worktree. */
    async withCheckout<T>(job: CheckoutJob, fn: (dir: string) => Promise<T>): Promise<T> {
      const clone = path.join(opts.cacheDir, "clones", job.owner, `${job.repo}.git`);
      await mkdir(path.join(opts.cacheDir, "jobs"), { recursive: true });
      const worktree = await mkdtemp(path.join(opts.cacheDir, "jobs", `${job.repo}-`));
      try {
        await inTurn(clone, () => prepare(job, clone, worktree)).catch((cause: unknown) => {
          const text = redact(cause instanceof Error ? cause.message : String(cause), [job.token, ...authConfig(job.token)]);
          throw new WorkspaceError(`Cannot check out ${job.owner}/${job.repo} at ${job.headSha.slice(0, 7)}.`, {
            details: text,
            hint: "Check that the app is installed on the repository with contents: read, and that the commit exists.",
          });
        });
        return await fn(worktree);
      } finally {
        await inTurn(clone, () => simpleGit(clone).raw(["worktree", "remove", "--force", worktree])).catch(() => undefined);
        await rm(worktree, { recursive: true, force: true });
      }
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
