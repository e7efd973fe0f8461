import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { simpleGit } from "simple-git";
import { redact } from "../../errors/redact.js";
import type { PrReport } from "../../report/types.js";
import { reviewPullRequest } from "../../review/index.js";
import { createOctokit } from "../client.js";
import { guardOutgoing } from "../outgoing.js";
import { reviewPullRequestOnGitHub } from "../prReview.js";
import { changedFiles } from "../pullRequest.js";
import { PULL_REQUEST_EVENTS, readPullRequestEvent } from "./event.js";
import { readInputs } from "./inputs.js";
import { hasChanges, planSummary, writeReportFiles } from "./outputs.js";
import { secretValues } from "./secrets.js";
import { ensureCommit } from "./workspace.js";

type Env = Record<string, string | undefined>;

/** The login GITHUB_TOKEN posts as: only its comments are the Action's sticky comment. */
export const ACTION_AUTHOR = "github-actions[bot]";

/**
 * The Action: one PR review of the checked-out workspace, posted as one check run and one sticky comment
 * (through the adapter both faces share), plus the job summary, the SARIF and JSON files and the step's
 * outputs. Fails the step when the verdict fails; any other event is told it is not reviewed.
 * `env` is the step's environment (the runner's variables and the secrets the workflow maps in).
 */
export async function run(env: Env): Promise<void> {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(eventName) || !env.GITHUB_EVENT_PATH) {
    core.notice(`w3o reviews pull requests; this run is a "${eventName || "unknown"}" event, so there is nothing to review.`);
    return;
  }
  const inputs = readInputs();
  const event = await readPullRequestEvent(env.GITHUB_EVENT_PATH);
  const secrets = secretValues(env);
  for (const s of secrets) core.setSecret(s);

  const gh = createOctokit({ auth: inputs.token, baseUrl: env.GITHUB_API_URL, onWarning: (m) => core.warning(m) });
  const { calls } = guardOutgoing(gh, secrets);
  const ref = { owner: event.owner, repo: event.repo };
  const dir = path.resolve(env.GITHUB_WORKSPACE ?? ".", inputs.path);
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;

  let report: PrReport | undefined;
  const result = await reviewPullRequestOnGitHub({
    gh,
    ref,
    pull: { number: event.number, headSha: event.headSha },
    author: ACTION_AUTHOR,
    comment: inputs.comment,
    commentKey: inputs.path === "." ? "report" : `report:${inputs.path}`,
    checkName: inputs.path === "." ? "w3o" : `w3o (${inputs.path})`,
    render: { secrets },
    review: async () => {
      const base = (await ensureCommit(dir, event.baseSha)) ? event.baseSha : undefined;
      if (!base) core.warning(`The base commit ${event.baseSha.slice(0, 7)} could not be fetched: findings are not compared with it.`);
      report = await reviewPullRequest({
        dir,
        ...(base ? { base } : {}),
        changedFiles: await changedFiles(gh, ref, event.number),
        vars: env,
        fork: event.fork,
        ...(inputs.environments ? { environments: inputs.environments } : {}),
        ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
      });
      return runUrl ? { ...report, links: { report: runUrl } } : report;
    },
  });
  core.info(`w3o made ${calls.length} GitHub API calls: ${calls.map((c) => `${c.method} ${c.route}`).join(", ")}`);

  if (result.outcome === "crashed" || !report) {
    core.setFailed(`w3o could not finish this review: ${result.outcome === "crashed" ? result.reason : "no report"}`);
    return;
  }
  if (result.outcome === "superseded") core.notice("A newer push to this pull request supersedes this run: its run reports instead.");
  const { rendered } = result;
  const gitRoot = (await simpleGit(dir).revparse(["--show-toplevel"])).trim();
  const outDir = env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, "w3o") : await mkdtemp(path.join(tmpdir(), "w3o-"));
  const files = await writeReportFiles(outDir, gitRoot, report, rendered.json, secrets);
  core.setOutput("has-changes", hasChanges(report));
  core.setOutput("plan-summary", redact(planSummary(report), secrets));
  core.setOutput("sarif-file", files.sarif);
  core.setOutput("report-file", files.report);
  await core.summary.addRaw(rendered.jobSummary, true).write();
  if (rendered.verdict.conclusion === "failure") core.setFailed(`w3o: ${rendered.verdict.reasons.join("; ")}`);
}
