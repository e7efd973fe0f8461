import * as core from "@actions/core";
import { onIssueComment } from "./comment.js";
import type { Env } from "./context.js";
import { PULL_REQUEST_EVENTS } from "./events.js";
import { onMergeGroup } from "./mergeGroup.js";
import { onPullRequest } from "./pullRequest.js";

export { ACTION_AUTHOR } from "./context.js";

type Handler = (env: Env, eventPath: string) => Promise<void>;

/** What the Action does per workflow event; one file each. */
const HANDLERS: Record<string, Handler> = {
  ...Object.fromEntries(PULL_REQUEST_EVENTS.map((e) => [e, onPullRequest])),
  merge_group: onMergeGroup,
  issue_comment: onIssueComment,
};

/**
 * The Action: routes the workflow's event to its handler. Any other event is told what the Action handles,
 * and the step still succeeds. `env` is the step's environment (the runner's variables and the secrets the
 * workflow maps in).
 */
export async function run(env: Env): Promise<void> {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const handler = HANDLERS[eventName];
  if (!handler || !env.GITHUB_EVENT_PATH) {
    core.notice(
      `w3o handles ${Object.keys(HANDLERS).join(", ")} events; this run is a "${eventName || "unknown"}" event, so there is nothing to do.`,
    );
    return;
  }
  await handler(env, env.GITHUB_EVENT_PATH);
}
