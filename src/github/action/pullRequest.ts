import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { simpleGit } from "simple-git";
import { redact } from "../../errors/redact.js";
import type { RenderedReport } from "../../report/render.js";
import type { PrReport } from "../../report/types.js";
import { reviewPullRequest } from "../../review/index.js";
import { reviewPullRequestOnGitHub } from "../prReview.js";
import { changedFiles } from "../pullRequest.js";
import { type ActionContext, actionContext, type Env, logCalls, postsAs } from "./context.js";
import { readPullRequestEvent } from "./events.js";
import { hasChanges, planSummary, writeReportFiles } from "./outputs.js";
import { ensureCommit } from "./workspace.js";

/**
 * A `pull_request` run: one PR review of the checked-out workspace, posted as one check run and one sticky
 * comment (through the adapter both faces share), plus the job summary, the SARIF and JSON files and the
 * step's outputs. Fails the step when the verdict fails.
 */
export async function onPullRequest(env: Env, eventPath: string): Promise<void> {
  const event = await readPullRequestEvent(eventPath);
  const ctx = actionContext(env, { owner: event.owner, repo: event.repo });
  const { gh, ref, dir } = ctx;
  let report: PrReport | undefined;
  const result = await reviewPullRequestOnGitHub({
    ...postsAs(ctx),
    pull: { number: event.number, headSha: event.headSha },
    review: async () => {
      const base = (await ensureCommit(dir, event.baseSha)) ? event.baseSha : undefined;
      if (!base) core.warning(`The base commit ${event.baseSha.slice(0, 7)} could not be fetched: findings are not compared with it.`);
      report = await reviewPullRequest({
        dir,
        ...(base ? { base } : {}),
        changedFiles: await changedFiles(gh, ref, event.number),
        vars: env,
        fork: event.fork,
        ...(ctx.inputs.environments ? { environments: ctx.inputs.environments } : {}),
        ...(ctx.inputs.failOn ? { failOn: ctx.inputs.failOn } : {}),
      });
      return withRunLink(report, ctx);
    },
  });
  logCalls(ctx);
  if (result.outcome === "crashed" || !report) {
    core.setFailed(`w3o could not finish this review: ${result.outcome === "crashed" ? result.reason : "no report"}`);
    return;
  }
  if (result.outcome === "superseded") core.notice("A newer push to this pull request supersedes this run: its run reports instead.");
  await finishStep(ctx, report, result.rendered);
}

export const withRunLink = (report: PrReport, ctx: ActionContext): PrReport =>
  ctx.runUrl ? { ...report, links: { report: ctx.runUrl } } : report;

/** The step's outputs, files and job summary from a finished review; fails the step on a failing verdict. */
export async function finishStep(ctx: ActionContext, report: PrReport, rendered: RenderedReport): Promise<void> {
  const { env, secrets } = ctx;
  const gitRoot = (await simpleGit(ctx.dir).revparse(["--show-toplevel"])).trim();
  const outDir = env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, "w3o") : await mkdtemp(path.join(tmpdir(), "w3o-"));
  const files = await writeReportFiles(outDir, gitRoot, report, rendered.json, secrets);
  core.setOutput("has-changes", hasChanges(report));
  core.setOutput("plan-summary", redact(planSummary(report), secrets));
  core.setOutput("sarif-file", files.sarif);
  core.setOutput("report-file", files.report);
  await core.summary.addRaw(rendered.jobSummary, true).write();
  if (rendered.verdict.conclusion === "failure") core.setFailed(`w3o: ${rendered.verdict.reasons.join("; ")}`);
}
