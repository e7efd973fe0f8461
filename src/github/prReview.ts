import { redact } from "../errors/redact.js";
import { type RenderedReport, type RenderOptions, renderReport } from "../report/render.js";
import type { PrReport } from "../report/types.js";
import { completeCheckRun, failCheckRun, startCheckRun } from "./checkRun.js";
import type { GitHubClient } from "./client.js";
import { isStillHead } from "./pullRequest.js";
import { type RepoRef, upsertStickyComment } from "./stickyComment.js";

export type PrReviewInput = {
  gh: GitHubClient;
  ref: RepoRef;
  pull: { number: number; headSha: string };
  /** Login that posts the sticky comment (`<app-slug>[bot]`, `github-actions[bot]`). */
  author: string;
  /** Check run name and the comment's key (one per infra repo path in a monorepo). */
  checkName?: string;
  commentKey?: string;
  /** Post the sticky comment (the Action's `comment` input); the check run is always written. */
  comment?: boolean;
  /** Runs the engine on the face's workspace; everything it finds is in the report, whatever fails. */
  review: () => Promise<PrReport>;
  render?: RenderOptions;
};

export type PrReviewResult =
  | { outcome: "posted"; rendered: RenderedReport; checkRunId: number; commentId?: number }
  | { outcome: "superseded"; rendered: RenderedReport; checkRunId: number }
  | { outcome: "crashed"; reason: string; checkRunId: number };

/**
 * One PR review as both faces run it: the check run opens in progress on the head commit, the engine runs,
 * and — if that commit is still the PR's head — the sticky comment is written and the check completes with
 * the verdict. A newer push supersedes the run (its check completes as neutral, no comment); a crash
 * completes the check as failed with the reason, never leaving it in progress.
 * Steady state: check create, PR read, comment list, comment edit, check update.
 */
export async function reviewPullRequestOnGitHub(input: PrReviewInput): Promise<PrReviewResult> {
  const { gh, ref, pull } = input;
  const name = input.checkName ?? "w3o";
  const secrets = input.render?.secrets ?? [];
  const check = await startCheckRun(gh, ref, { name, headSha: pull.headSha, externalId: `pr-${pull.number}` });
  let rendered: RenderedReport;
  try {
    rendered = renderReport(await input.review(), { checkRunName: name, ...input.render });
  } catch (e) {
    const reason = redact(e instanceof Error ? e.message : String(e), secrets);
    await failCheckRun(gh, ref, check, reason);
    return { outcome: "crashed", reason, checkRunId: check.id };
  }
  if (!(await isStillHead(gh, ref, pull.number, pull.headSha))) {
    await completeCheckRun(gh, ref, check, {
      conclusion: "neutral",
      output: {
        title: "Superseded by a newer push",
        summary: `The PR's head moved on from \`${pull.headSha.slice(0, 7)}\`; the newer commit's run reports instead.`,
      },
    });
    return { outcome: "superseded", rendered, checkRunId: check.id };
  }
  const comment =
    input.comment === false
      ? undefined
      : await upsertStickyComment(gh, ref, {
          issueNumber: pull.number,
          key: input.commentKey ?? "report",
          author: input.author,
          body: rendered.comment,
        });
  await completeCheckRun(gh, ref, check, { conclusion: rendered.verdict.conclusion, output: rendered.check });
  return { outcome: "posted", rendered, checkRunId: check.id, ...(comment ? { commentId: comment.id } : {}) };
}
