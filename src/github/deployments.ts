import { redact } from "../errors/redact.js";
import type { GitHubClient } from "./client.js";
import { DeploymentRefusedError } from "./errors.js";
import { GITHUB_LIMITS } from "./limits.js";
import type { RepoRef } from "./stickyComment.js";

export type StartDeployment = {
  /** The merge commit: GitHub deploys exactly this SHA, never a branch that could move. */
  sha: string;
  environment: string;
  description: string;
  /** The check run or workflow run whose log follows the apply. */
  logUrl: string;
  /** The engine's `production` flag of the environment; a non-production one is transient. */
  production: boolean;
  /**
   * Status contexts GitHub must see green on the SHA. None by default: w3o's own check already ran on the
   * PR, and GitHub's default (every context) would deadlock on the check this very run is writing.
   */
  requiredContexts?: string[];
  payload?: Record<string, unknown>;
};

export type DeploymentRef = { id: number; sha: string; environment: string };

export type FinishDeployment = {
  state: "success" | "failure" | "error";
  logUrl: string;
  /** Where the deployed environment can be seen (an explorer, the app). */
  environmentUrl?: string;
  description: string;
};

/** Redacted before it is clipped, so a cut can never leave half a key that no longer looks like one. */
function describe(text: string): string {
  const clean = redact(text);
  const limit = GITHUB_LIMITS.deploymentDescription;
  return clean.length <= limit ? clean : `${clean.slice(0, limit - 1)}…`;
}

/**
 * Opens a GitHub Deployment of the merge SHA to the environment, then marks it `in_progress` with the log
 * URL. Uses `POST /repos/{owner}/{repo}/deployments` and `POST …/deployments/{id}/statuses`. Throws
 * `DeploymentRefusedError` when GitHub answers 202 (a merge instead of a deployment) or 409, and then
 * writes no status.
 *
 * @example await startDeployment(gh, { owner, repo }, { sha, environment: "prod", description: "w3o apply", logUrl, production: true })
 */
export async function startDeployment(gh: GitHubClient, ref: RepoRef, d: StartDeployment): Promise<DeploymentRef> {
  let res: Awaited<ReturnType<GitHubClient["rest"]["repos"]["createDeployment"]>>;
  try {
    res = await gh.rest.repos.createDeployment({
      ...ref,
      ref: d.sha,
      environment: d.environment,
      description: describe(d.description),
      auto_merge: false,
      required_contexts: d.requiredContexts ?? [],
      transient_environment: !d.production,
      production_environment: d.production,
      ...(d.payload ? { payload: d.payload } : {}),
    });
  } catch (err) {
    // Octokit's RequestError, read by shape: @octokit/request-error is not a direct dependency.
    const e = err as { status?: number; message?: string; response?: { data?: { message?: string } } };
    if (e.status === 409) {
      const message = e.response?.data?.message ?? e.message ?? "conflict";
      throw new DeploymentRefusedError(d.environment, d.sha, 409, message);
    }
    throw err;
  }
  if (res.status !== 201 || !("id" in res.data)) {
    const message = (res.data as { message?: string }).message ?? "no deployment was created";
    throw new DeploymentRefusedError(d.environment, d.sha, res.status, message);
  }
  await gh.rest.repos.createDeploymentStatus({
    ...ref,
    deployment_id: res.data.id,
    state: "in_progress",
    log_url: d.logUrl,
    description: describe(d.description),
  });
  return { id: res.data.id, sha: d.sha, environment: d.environment };
}

/**
 * Writes the deployment's final status (`POST …/deployments/{id}/statuses`): success, failure (the apply
 * failed or was refused) or error (w3o itself broke). The description is clipped to GitHub's 140 characters.
 */
export async function finishDeployment(gh: GitHubClient, ref: RepoRef, deployment: DeploymentRef, f: FinishDeployment): Promise<void> {
  await gh.rest.repos.createDeploymentStatus({
    ...ref,
    deployment_id: deployment.id,
    state: f.state,
    log_url: f.logUrl,
    description: describe(f.description),
    ...(f.environmentUrl ? { environment_url: f.environmentUrl } : {}),
  });
}
