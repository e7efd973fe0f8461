import * as core from "@actions/core";
import type { PrReport } from "../../report/types.js";
import { reviewPullRequest } from "../../review/index.js";
import { changedBetween, reviewCommitOnGitHub } from "../commitReview.js";
import { actionContext, type Env, logCalls } from "./context.js";
import { readMergeGroupEvent } from "./events.js";
import { finishStep, withRunLink } from "./pullRequest.js";
import { ensureCommit } from "./workspace.js";

/**
 * A `merge_group` run (a merge queue): the PR review on the queued merge commit, which actions/checkout has
 * checked out, against the queue's base. It writes the `w3o` check on that commit — what a branch protection
 * requiring `w3o` waits for in the queue — and the job summary; there is no PR to comment on (a group may
 * hold several). Nothing is applied: the queue's commit is not on the default branch until it lands.
 */
export async function onMergeGroup(env: Env, eventPath: string): Promise<void> {
  const event = await readMergeGroupEvent(eventPath);
  if (event.action !== "checks_requested") {
    core.notice(`w3o reviews merge groups when checks are requested; this one was "${event.action}".`);
    return;
  }
  const ctx = actionContext(env, { owner: event.owner, repo: event.repo });
  const { gh, ref, dir } = ctx;
  let report: PrReport | undefined;
  const result = await reviewCommitOnGitHub({
    gh,
    ref,
    sha: event.headSha,
    checkName: ctx.checkName,
    externalId: `merge-group-${event.baseRef.replace(/^refs\/heads\//, "")}`,
    render: { secrets: ctx.secrets },
    review: async () => {
      const base = (await ensureCommit(dir, event.baseSha)) ? event.baseSha : undefined;
      if (!base) core.warning(`The queue's base ${event.baseSha.slice(0, 7)} could not be fetched: findings are not compared with it.`);
      report = await reviewPullRequest({
        dir,
        ...(base ? { base } : {}),
        changedFiles: await changedBetween(gh, ref, event.baseSha, event.headSha),
        vars: env,
        // The queue's commit is the base repo's: a fork's PR in it was reviewed and approved to land.
        fork: false,
        ...(ctx.inputs.environments ? { environments: ctx.inputs.environments } : {}),
        ...(ctx.inputs.failOn ? { failOn: ctx.inputs.failOn } : {}),
      });
      return withRunLink(report, ctx);
    },
  });
  logCalls(ctx);
  if (result.outcome === "crashed" || !report) {
    core.setFailed(`w3o could not review the merge group: ${result.outcome === "crashed" ? result.reason : "no report"}`);
    return;
  }
  await finishStep(ctx, report, result.rendered);
}
