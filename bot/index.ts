import type { ApplicationFunction, Context, Probot } from "probot";
import { releaseLock } from "../src/apply/lock.js";
import { appChatOps } from "../src/github/app/chatops.js";
import { type AppPull, reviewPullForApp } from "../src/github/app/review.js";
import { handleComment } from "../src/github/chatops/handle.js";
import { parseComment } from "../src/github/chatops/parse.js";
import type { GitHubClient } from "../src/github/client.js";
import { guardOutgoing } from "../src/github/outgoing.js";
import { createWorkspace } from "../src/github/workspace.js";
import { claimDelivery } from "../src/state/deliveries.js";
import { openStateAt } from "../src/state/open.js";
import { releasePullLocks } from "../src/state/prLocks.js";
import type { StateStore } from "../src/state/store.js";
import { allowed, type BotOptions, botOptionsFromEnv } from "./env.js";

type PullEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review";
const PULL_EVENTS: PullEvent[] = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
];

/**
 * The w3o GitHub App: webhook events in, one PR review out (src/github/app/review.ts does the work).
 * Every event is claimed in the state database first, so a redelivery — also after a restart — is a no-op.
 */
export function w3oApp(opts: BotOptions, store?: Promise<StateStore>): ApplicationFunction {
  return (app: Probot) => {
    // PostgreSQL when the operator gives a URL (several replicas claim each delivery there), else the SQLite file.
    const state = store ?? openStateAt(opts.stateUrl ?? opts.statePath);
    const workspace = createWorkspace({ cacheDir: opts.workspaceDir, baseUrl: opts.gitUrl });
    let slug: Promise<string> | undefined;
    const appSlug = () => {
      slug ??= app.auth().then(async (o) => (await o.rest.apps.getAuthenticated()).data?.slug ?? "w3o");
      return slug;
    };

    /** The delivery claimed once and the installation's client guarded; undefined when the event is not ours. */
    async function prepare(context: Context) {
      const { repository } = context.payload as { repository: { full_name: string; default_branch: string } };
      if (!allowed(opts.repos, repository.full_name)) return undefined;
      if (!(await claimDelivery(await state, context.id, context.name))) {
        context.log.info({ delivery: context.id }, "delivery already handled");
        return undefined;
      }
      const { token } = (await context.octokit.auth({ type: "installation" })) as { token: string };
      const gh = context.octokit as unknown as GitHubClient;
      guardOutgoing(gh, [...opts.secrets, token]);
      return {
        gh,
        ref: context.repo(),
        defaultBranch: repository.default_branch,
        token,
        author: opts.botLogin ?? `${await appSlug()}[bot]`,
        workspace,
        defaults: opts.defaults,
        vars: opts.vars,
        secrets: [...opts.secrets, token],
        store: await state,
      };
    }

    async function review(context: Context, pull: AppPull): Promise<void> {
      const base = await prepare(context);
      if (!base) return;
      const result = await reviewPullForApp({ ...base, locks: base.store, pull });
      context.log.info({ delivery: context.id, pull: pull.number, outcome: result.outcome }, "w3o review");
    }

    app.on(PULL_EVENTS, async (context) => {
      const pr = context.payload.pull_request;
      await review(context, {
        number: pr.number,
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        fromFork: pr.head.repo?.full_name !== pr.base.repo.full_name,
        author: pr.user?.login,
      });
    });

    // Closed without merging: its PR locks go (a merge releases them after its apply). No GitHub call.
    app.on("pull_request.closed", async (context) => {
      const { pull_request: pr, repository } = context.payload;
      if (pr.merged || !allowed(opts.repos, repository.full_name)) return;
      const released = await releasePullLocks(await state, repository.full_name, pr.number);
      context.log.info({ pull: pr.number, released: released.map((l) => l.environment) }, "w3o locks released");
    });

    // "Re-run" on w3o's own check run; a fork's PR is not listed in check_run.pull_requests, so it is never one.
    app.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      const pr = run.pull_requests[0];
      if (!pr || run.app?.slug !== (await appSlug())) return;
      await review(context, { number: pr.number, headSha: run.head_sha, baseSha: pr.base.sha, fromFork: false });
    });

    // Chat-ops: new comments only (an edited comment never re-runs); the parser runs before any call.
    app.on("issue_comment.created", async (context) => {
      const { comment, issue } = context.payload;
      const event = {
        commentId: comment.id,
        body: comment.body ?? "",
        author: { login: comment.user?.login ?? "", type: comment.user?.type ?? "Bot" },
        issueNumber: issue.number,
        isPull: Boolean(issue.pull_request),
      };
      // Not a command (or one in code or a quote): no claim, no token, no call.
      if (event.author.type === "Bot" || !event.isPull || parseComment(event.body, opts.commandPrefix).kind === "none") return;
      const base = await prepare(context);
      if (!base) return;
      const result = await handleComment(event, {
        ...base,
        ...(opts.commandPrefix ? { prefix: opts.commandPrefix } : {}),
        ...appChatOps(base),
        ownCheck: { name: "w3o", appSlug: base.author.replace(/\[bot\]$/, "") },
        // The same store and key as the engine's apply: a released lease is the one the next apply would meet.
        unlock: async (key) => releaseLock((await state).db, key),
      });
      context.log.info({ delivery: context.id, pull: issue.number, outcome: result.outcome }, "w3o command");
    });
  };
}

/** For `probot run bot/index.ts`: options read when Probot loads the app, after it has read `.env`. */
const fromEnv: ApplicationFunction = (app, o) => w3oApp(botOptionsFromEnv(process.env))(app, o);
export default fromEnv;
