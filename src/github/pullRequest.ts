import type { GitHubClient } from "./client.js";
import type { RepoRef } from "./stickyComment.js";

export type PullFacts = {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** The head branch lives in another repository: its code never gets secrets or an apply. */
  fromFork: boolean;
  draft: boolean;
  state: "open" | "closed";
  merged: boolean;
  /** The PR's author (`user.login`). */
  author?: string;
  /** GitHub's answer, computed in the background: null until it has one. */
  mergeable?: boolean | null;
  /** clean, unstable, blocked, behind, dirty, draft, has_hooks, unknown. */
  mergeableState?: string;
};

export async function readPull(gh: GitHubClient, ref: RepoRef, number: number): Promise<PullFacts> {
  const { data } = await gh.rest.pulls.get({ ...ref, pull_number: number });
  const baseRepo = data.base.repo.full_name;
  return {
    number,
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    fromFork: data.head.repo?.full_name !== baseRepo,
    draft: data.draft ?? false,
    state: data.state === "open" ? "open" : "closed",
    merged: data.merged ?? false,
    ...(data.user?.login ? { author: data.user.login } : {}),
    mergeable: data.mergeable ?? null,
    mergeableState: data.mergeable_state ?? "unknown",
  };
}

/** Paths the PR adds, changes, renames (both names) or removes. GitHub lists at most 3,000 files. */
export async function changedFiles(gh: GitHubClient, ref: RepoRef, number: number): Promise<string[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...ref, pull_number: number, per_page: 100 });
  const paths = new Set<string>();
  for (const f of files) {
    paths.add(f.filename);
    if (f.previous_filename) paths.add(f.previous_filename);
  }
  return [...paths].sort();
}

/**
 * A run posts only for the commit that is still the PR's head: a newer push supersedes it, and the run for
 * that push posts instead. Asked right before writing, so the window for a stale report is one request.
 */
export async function isStillHead(gh: GitHubClient, ref: RepoRef, number: number, sha: string): Promise<boolean> {
  const pull = await readPull(gh, ref, number);
  return pull.state === "open" && pull.headSha === sha;
}
