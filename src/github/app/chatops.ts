import path from "node:path";
import { reviewPullRequest } from "../../review/index.js";
import type { ChatOpsInput } from "../chatops/handle.js";
import type { AppReviewInput } from "./review.js";
import { reviewPullWithSettings } from "./review.js";

/**
 * The app's side of chat-ops: `plan` goes through the PR review path (check run and sticky comment updated),
 * `audit` and `recommend` run the engine on the head in a worktree of the cached clone and write nothing.
 */
export function appChatOps(base: Omit<AppReviewInput, "pull" | "environments">): Pick<ChatOpsInput, "plan" | "report"> {
  return {
    plan: (pull, settings, environments) => reviewPullWithSettings({ ...base, pull, ...(environments ? { environments } : {}) }, settings),
    report: (pull, settings, opts) =>
      base.workspace.withCheckout({ ...base.ref, token: base.token, headSha: pull.headSha, baseSha: pull.baseSha }, (dir) =>
        reviewPullRequest({
          dir: path.join(dir, settings.path),
          base: pull.baseSha,
          // No plans: the audit and the recommendation read the repo only.
          environments: [],
          vars: {},
          fork: pull.fromFork,
          recommend: opts.recommend ? "always" : "never",
          ...(settings.failOn ? { failOn: settings.failOn } : {}),
        }),
      ),
  };
}
