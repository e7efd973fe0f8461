import path from "node:path";
import * as core from "@actions/core";
import { BaseError } from "../../errors/BaseError.js";
import { withWorktree } from "../../render/git.js";
import { reviewPullRequest } from "../../review/index.js";
import { type ChatOpsInput, handleComment } from "../chatops/handle.js";
import { parseComment } from "../chatops/parse.js";
import { reviewPullRequestOnGitHub } from "../prReview.js";
import { changedFiles, type PullFacts } from "../pullRequest.js";
import { type ActionContext, actionContext, type Env, logCalls, postsAs } from "./context.js";
import { readIssueCommentEvent } from "./events.js";
import { readCommandPrefix } from "./inputs.js";
import { ensureCommit } from "./workspace.js";

export class ActionStateError extends BaseError {
  override name = "ActionStateError";
}

/**
 * An `issue_comment` run: chat-ops through the parser, permission check and replies both faces share
 * (src/github/chatops). The workflow runs the default branch's code with its secrets, so the PR's head is
 * fetched into a worktree of its own and only ever read: its config is parsed, never run, and a fork's head
 * is planned without secrets. Who may do what comes from the default branch (`.github/w3o.yml`), as in the app.
 */
export async function onIssueComment(env: Env, eventPath: string): Promise<void> {
  const event = await readIssueCommentEvent(eventPath);
  const prefix = readCommandPrefix();
  // Parsed before anything else: a comment that is not a command costs no call, and no token is used.
  if (event.action !== "created" || !event.isPull || event.author.type === "Bot" || parseComment(event.body, prefix).kind === "none") {
    core.info("This comment is not a w3o command: nothing to do.");
    return;
  }
  const ctx = actionContext(env, { owner: event.owner, repo: event.repo });
  const result = await handleComment(event, {
    gh: ctx.gh,
    ref: ctx.ref,
    defaultBranch: event.defaultBranch,
    ...(prefix ? { prefix } : {}),
    defaults: { path: ctx.inputs.path },
    ...actionChatOps(ctx),
    unlock: async () => {
      throw new ActionStateError("this workflow keeps no lock store, so there is nothing to unlock.", {
        hint: "Give the Action a state store (PostgreSQL or a git ref) to take and release locks.",
      });
    },
  });
  logCalls(ctx);
  if (result.outcome !== "ignored") core.info(`w3o ${result.outcome}: ${result.command}`);
}

/** The PR's head in its own worktree of the workspace (fetched by SHA: actions/checkout left the default branch). */
async function atHead<T>(
  ctx: ActionContext,
  pull: PullFacts,
  infraPath: string,
  fn: (dir: string, base?: string) => Promise<T>,
): Promise<T> {
  const root = ctx.env.GITHUB_WORKSPACE ?? ".";
  if (!(await ensureCommit(root, pull.headSha))) {
    throw new ActionStateError(`the PR's head ${pull.headSha.slice(0, 7)} could not be fetched into the workspace.`, {
      hint: "Check out the repository (actions/checkout) before the w3o step, with the default token.",
    });
  }
  const base = (await ensureCommit(root, pull.baseSha)) ? pull.baseSha : undefined;
  return withWorktree(root, pull.headSha, (worktree) => fn(path.join(worktree, infraPath), base));
}

/** The Action's side of chat-ops: `plan` re-runs the PR review (check run, sticky comment); audit and recommend write nothing. */
function actionChatOps(ctx: ActionContext): Pick<ChatOpsInput, "plan" | "report"> {
  const { gh, ref } = ctx;
  const vars = (pull: PullFacts) => (pull.fromFork ? {} : ctx.env);
  return {
    plan: async (pull, settings, environments) => {
      const files = await changedFiles(gh, ref, pull.number);
      return reviewPullRequestOnGitHub({
        ...postsAs(ctx),
        pull: { number: pull.number, headSha: pull.headSha },
        review: () =>
          atHead(ctx, pull, settings.path, (dir, base) =>
            reviewPullRequest({
              dir,
              ...(base ? { base } : {}),
              changedFiles: files,
              vars: vars(pull),
              fork: pull.fromFork,
              ...(environments ? { environments } : {}),
              ...(settings.failOn ? { failOn: settings.failOn } : {}),
              ...(settings.recommend ? { recommend: settings.recommend } : {}),
            }),
          ),
      });
    },
    report: (pull, settings, opts) =>
      atHead(ctx, pull, settings.path, (dir, base) =>
        reviewPullRequest({
          dir,
          ...(base ? { base } : {}),
          environments: [],
          vars: {},
          fork: pull.fromFork,
          recommend: opts.recommend ? "always" : "never",
          ...(settings.failOn ? { failOn: settings.failOn } : {}),
        }),
      ),
  };
}
