export {
  type Annotation,
  type AnnotationLevel,
  type CheckConclusion,
  type CheckOutput,
  type CheckRunRef,
  completeCheckRun,
  failCheckRun,
  startCheckRun,
} from "./checkRun.js";
export { type CreateOctokitOptions, createOctokit, type GitHubClient, W3oOctokit } from "./client.js";
export {
  type DeploymentRef,
  type FinishDeployment,
  finishDeployment,
  type StartDeployment,
  startDeployment,
} from "./deployments.js";
export { DeploymentRefusedError, GitHubLimitError } from "./errors.js";
export { GITHUB_LIMITS } from "./limits.js";
export { type GitHubCall, guardOutgoing } from "./outgoing.js";
export { type PrReviewInput, type PrReviewResult, reviewPullRequestOnGitHub } from "./prReview.js";
export { changedFiles, isStillHead, type PullFacts, readPull } from "./pullRequest.js";
export { type RepoRef, type StickyComment, type StickyResult, stickyMarker, upsertStickyComment } from "./stickyComment.js";
