import { redact } from "../errors/redact.js";
import { type RenderedReport, type RenderOptions, renderReport } from "../report/render.js";
import type { PrReport } from "../report/types.js";
import { completeCheckRun, failCheckRun, startCheckRun } from "./checkRun.js";
import type { GitHubClient } from "./client.js";
import type { RepoRef } from "./stickyComment.js";

export type CommitReviewInput = {
  gh: GitHubClient;
  ref: RepoRef;
  /** The commit the check run belongs to: a merge queue's temporary merge commit, say. */
  sha: string;
  checkName?: string;
  /** Names the run among w3o's, e.g. `merge-group-main`. */
  externalId?: string;
  review: () => Promise<PrReport>;
  render?: RenderOptions;
};

export type CommitReviewResult =
  | { outcome: "posted"; rendered: RenderedReport; checkRunId: number }
  | { outcome: "crashed"; reason: string; checkRunId: number };

/** Paths changed between two commits (`GET /repos/{o}/{r}/compare/{base}...{head}`, one call up to 300 files). */
export async function changedBetween(gh: GitHubClient, ref: RepoRef, base: string, head: string): Promise<string[]> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({ ...ref, basehead: `${base}...${head}`, per_page: 300 });
  const paths = new Set<string>();
  for (const f of data.files ?? []) {
    paths.add(f.filename);
    if (f.previous_filename) paths.add(f.previous_filename);
  }
  return [...paths].sort();
}

/**
 * A review of a commit that is no pull request's head (a merge queue's group): the same report as a PR's,
 * written only to a check run on that commit, since there is no single PR to comment on. The check's name
 * is the PR review's, so a branch protection that requires `w3o` is satisfied in the queue too.
 * Calls: check create, check update (plus annotation batches past 50).
 */
export async function reviewCommitOnGitHub(input: CommitReviewInput): Promise<CommitReviewResult> {
  const { gh, ref } = input;
  const name = input.checkName ?? "w3o";
  const check = await startCheckRun(gh, ref, {
    name,
    headSha: input.sha,
    ...(input.externalId ? { externalId: input.externalId } : {}),
  });
  let rendered: RenderedReport;
  try {
    rendered = renderReport(await input.review(), { checkRunName: name, ...input.render });
  } catch (e) {
    const reason = redact(e instanceof Error ? e.message : String(e), input.render?.secrets ?? []);
    await failCheckRun(gh, ref, check, reason);
    return { outcome: "crashed", reason, checkRunId: check.id };
  }
  await completeCheckRun(gh, ref, check, { conclusion: rendered.verdict.conclusion, output: rendered.check });
  return { outcome: "posted", rendered, checkRunId: check.id };
}
