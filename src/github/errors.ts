import { BaseError } from "../errors/BaseError.js";

/** A report the adapter was asked to send is over one of GitHub's limits: the report shortens, not the adapter. */
export class GitHubLimitError extends BaseError {
  override name = "GitHubLimitError";
  constructor(what: string, length: number, limit: number) {
    super(`${what} is ${length} characters; GitHub accepts at most ${limit}`, {
      hint: "This is a bug in w3o: reports are shortened before they are sent. Please report it with the command that ran.",
    });
  }
}

/**
 * GitHub did not create the deployment: 202 when it merged the default branch into the ref instead (or
 * wants to), 409 when the ref's required status contexts are not green or the merge conflicts.
 */
export class DeploymentRefusedError extends BaseError {
  override name = "DeploymentRefusedError";
  readonly status: number;
  constructor(environment: string, ref: string, status: number, message: string) {
    super(`GitHub refused the deployment of ${ref.slice(0, 12)} to "${environment}": ${message}`, {
      details: `POST /repos/{owner}/{repo}/deployments answered ${status}`,
      hint:
        status === 409
          ? "A required status context of the ref is missing or failed: pass the contexts that must be green explicitly (w3o's own check already ran on the PR), or fix the failing check."
          : "Deploy the merge commit itself: w3o never asks GitHub to merge (auto_merge is false), so check that the ref is the merge SHA and not a branch behind the default branch.",
    });
    this.status = status;
  }
}
