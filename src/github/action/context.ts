import path from "node:path";
import * as core from "@actions/core";
import { createOctokit, type GitHubClient } from "../client.js";
import { type GitHubCall, guardOutgoing } from "../outgoing.js";
import type { RepoRef } from "../stickyComment.js";
import { type ActionInputs, readInputs } from "./inputs.js";
import { secretValues } from "./secrets.js";

export type Env = Record<string, string | undefined>;

/** The login GITHUB_TOKEN posts as: only its comments are the Action's sticky comment. */
export const ACTION_AUTHOR = "github-actions[bot]";

/** What every event handler of the Action starts from: inputs read, secrets masked, one guarded client. */
export type ActionContext = {
  env: Env;
  inputs: ActionInputs;
  secrets: string[];
  gh: GitHubClient;
  /** Every GitHub call made, for the log line that counts them. */
  calls: GitHubCall[];
  ref: RepoRef;
  /** The infra repo inside the workspace (the `path` input). */
  dir: string;
  /** The workflow run, where the job summary and logs are. */
  runUrl?: string;
  checkName: string;
  commentKey: string;
};

export function actionContext(env: Env, ref: RepoRef): ActionContext {
  const inputs = readInputs();
  const secrets = secretValues(env);
  for (const s of secrets) core.setSecret(s);
  const gh = createOctokit({ auth: inputs.token, baseUrl: env.GITHUB_API_URL, onWarning: (m) => core.warning(m) });
  const { calls } = guardOutgoing(gh, secrets);
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  const root = inputs.path === ".";
  return {
    env,
    inputs,
    secrets,
    gh,
    calls,
    ref,
    dir: path.resolve(env.GITHUB_WORKSPACE ?? ".", inputs.path),
    ...(runUrl ? { runUrl } : {}),
    checkName: root ? "w3o" : `w3o (${inputs.path})`,
    commentKey: root ? "report" : `report:${inputs.path}`,
  };
}

export function logCalls(ctx: ActionContext): void {
  core.info(`w3o made ${ctx.calls.length} GitHub API calls: ${ctx.calls.map((c) => `${c.method} ${c.route}`).join(", ")}`);
}

/** Where and as whom the Action posts a PR's review: the same for a `pull_request` run and `/w3o plan`. */
export const postsAs = (ctx: ActionContext) => ({
  gh: ctx.gh,
  ref: ctx.ref,
  author: ACTION_AUTHOR,
  comment: ctx.inputs.comment,
  commentKey: ctx.commentKey,
  checkName: ctx.checkName,
  render: { secrets: ctx.secrets },
});
