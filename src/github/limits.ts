import { CHECK_TEXT_LIMIT, COMMENT_LIMIT } from "../report/limits.js";

/** GitHub's documented limits the adapter keeps to (REST API docs for issue comments and check runs). */
export const GITHUB_LIMITS = {
  /** Characters in an issue or PR comment body. */
  commentBody: COMMENT_LIMIT,
  /** Characters in a check run's `output.summary` and `output.text` each. */
  checkRunText: CHECK_TEXT_LIMIT,
  /** Annotations accepted by one create or update of a check run; more are sent in further updates. */
  annotationsPerRequest: 50,
  /** Characters in a check run `output.title` and an annotation's `title`. */
  title: 255,
  /** Characters in an annotation's `message` and `raw_details`. */
  annotationMessage: 65_535,
  /** Characters in a deployment status `description`. */
  deploymentDescription: 140,
} as const;
