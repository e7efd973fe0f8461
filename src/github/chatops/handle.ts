import type { LockInfo } from "../../apply/lock.js";
import type { NextCommands, SectionContext } from "../../report/section.js";
import { auditSection } from "../../report/sections/audit.js";
import { recommendationSection } from "../../report/sections/recommendation.js";
import type { PrReport } from "../../report/types.js";
import type { StateStore } from "../../state/store.js";
import { type AppRepoSettings, infraRepoFacts, readRepoSettings } from "../app/settings.js";
import type { GitHubClient } from "../client.js";
import type { PrReviewResult } from "../prReview.js";
import { type PullFacts, readPull } from "../pullRequest.js";
import type { RepoRef } from "../stickyComment.js";
import { type Answer, type ApplyCallback, applyCommand } from "./apply.js";
import { CHANGING, type Command, checkEnvironment, commandEnv, DEFAULT_PREFIX, helpText, parseComment } from "./parse.js";
import { mayRun } from "./permissions.js";
import { unlockCommand } from "./unlock.js";

/** A new comment on an issue or PR, as both faces receive it (`issue_comment.created`). */
export type CommentEvent = {
  commentId: number;
  body: string;
  author: { login: string; type: string };
  issueNumber: number;
  /** The issue is a pull request (the payload's `issue.pull_request` is set). */
  isPull: boolean;
};

export type ChatOpsInput = {
  gh: GitHubClient;
  ref: RepoRef;
  defaultBranch: string;
  /** The operator's choice; never the repo's file, so a comment costs no call until it is a command. */
  prefix?: string;
  defaults: AppRepoSettings;
  /** Re-runs the face's PR review (check run, sticky comment) for the environments given, or those touched. */
  plan: (pull: PullFacts, settings: AppRepoSettings, environments?: string[]) => Promise<PrReviewResult>;
  /** Runs the engine on the PR's head without writing anything to GitHub: the report behind audit and recommend. */
  report: (pull: PullFacts, settings: AppRepoSettings, opts: { recommend: boolean }) => Promise<PrReport>;
  /** Releases whoever holds the lease of (project, environment) in the face's state store; what it released. */
  unlock: (key: { project: string; environment: string }) => Promise<LockInfo | undefined>;
  /** Where the PR locks live: the face's state store. Absent or unreachable, apply refuses (fail closed). */
  locks?: StateStore;
  /** Applies one environment of the PR's head once permission, requirements and the PR lock are settled; absent, apply refuses. */
  apply?: ApplyCallback;
  /** w3o's own check run, which `checks-passed` leaves out (`w3o`, and the app's slug when known). */
  ownCheck?: { name: string; appSlug?: string };
  /** Re-reads while GitHub computes mergeability (tests pass a wait that does not sleep). */
  mergeableTries?: number;
  wait?: (ms: number) => Promise<void>;
};

export type ChatOpsResult = { outcome: "ignored" } | { outcome: "done" | "refused"; command: string; reply: string };

/** The commands the report's sections end with, as chat-ops spells them. */
const chatCommands = (p: string): NextCommands => ({
  validate: `${p} plan`,
  plan: (env) => `${p} plan ${env}`,
  apply: (env) => `${p} apply ${env}`,
  audit: `${p} audit`,
});

const FORK_NOTE = "This pull request is from a fork: it was reviewed without the app's secrets, and it is never applied.";

/**
 * One chat-ops comment: parsed first, so that a comment that is not a command (or sits in code or a quote)
 * costs no call at all; comments by bots, the app's own included, are never commands. A command gets 👀,
 * then exactly one reply, then 🚀 when it ran or 😕 when it did not (refused, unknown, failed).
 */
export async function handleComment(event: CommentEvent, input: ChatOpsInput): Promise<ChatOpsResult> {
  if (!event.isPull || event.author.type === "Bot") return { outcome: "ignored" };
  const prefix = input.prefix ?? DEFAULT_PREFIX;
  const parsed = parseComment(event.body, prefix);
  if (parsed.kind === "none") return { outcome: "ignored" };
  const { gh, ref } = input;
  const react = (content: "eyes" | "rocket" | "confused") =>
    gh.rest.reactions.createForIssueComment({ ...ref, comment_id: event.commentId, content });
  await react("eyes");
  let answer: Answer;
  try {
    if (parsed.kind === "unknown") {
      const near = parsed.suggestion ? ` Did you mean \`${prefix} ${parsed.suggestion}\`?` : "";
      answer = { ok: false, text: `\`${parsed.word || prefix}\` is not a w3o command.${near}\n\n${helpText(prefix)}` };
    } else if (parsed.kind === "bad-arguments") {
      answer = { ok: false, text: `\`${prefix} ${parsed.name}\` ${parsed.reason}.\n\n${helpText(prefix)}` };
    } else if (parsed.command.name === "help") {
      answer = { ok: true, text: helpText(prefix) };
    } else {
      answer = await run(parsed.command, event, input, prefix);
    }
  } catch (e) {
    // The reply goes through the adapter's redaction like every other write.
    answer = { ok: false, text: `The command failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const reply = `> ${parsed.line}\n\n@${event.author.login} ${answer.text}`;
  await gh.rest.issues.createComment({ ...ref, issue_number: event.issueNumber, body: reply });
  await react(answer.ok ? "rocket" : "confused");
  return { outcome: answer.ok ? "done" : "refused", command: parsed.line, reply };
}

async function run(command: Command, event: CommentEvent, input: ChatOpsInput, prefix: string): Promise<Answer> {
  const { gh, ref } = input;
  // Who may do what comes from the default branch only: the PR's own .github/w3o.yml is never read.
  const settings = await readRepoSettings(gh, ref, input.defaultBranch, input.defaults);
  const pull = await readPull(gh, ref, event.issueNumber);
  if (pull.state !== "open") return { ok: false, text: "This pull request is closed: w3o commands run on open pull requests only." };
  const facts = await infraRepoFacts(gh, ref, settings, pull.headSha);
  if (!facts) return { ok: false, text: `The PR's head has no \`w3o.yaml\` at \`${settings.path}\`: there is nothing for w3o to do.` };
  const { environments } = facts;
  const env = checkEnvironment(command, environments);
  if (!env.ok) return { ok: false, text: env.message };
  // A command that changes things names what it changes: an allow-list is per environment.
  if (CHANGING.has(command.name) && !commandEnv(command)) {
    const list = environments.map((e) => `\`${prefix} ${command.name} ${e}\``).join(", ");
    return { ok: false, text: `\`${command.name}\` needs an environment: ${list || "w3o.yaml has none"}.` };
  }
  const decision = await mayRun({
    gh,
    ref,
    user: event.author.login,
    command,
    settings,
    defaultBranch: input.defaultBranch,
    fromFork: pull.fromFork,
  });
  if (!decision.allowed) return { ok: false, text: `sorry, I can't do that. ${decision.reason}` };
  const fork = pull.fromFork ? `\n\n${FORK_NOTE}` : "";
  const ctx: SectionContext = { commands: chatCommands(prefix), checkRunName: "w3o" };
  switch (command.name) {
    case "plan": {
      const result = await input.plan(pull, settings, command.env ? [command.env] : undefined);
      if (result.outcome === "crashed") return { ok: false, text: `the review crashed: ${result.reason}` };
      if (result.outcome === "superseded")
        return { ok: false, text: "the PR's head moved on while planning; the newer push's review reports." };
      const summary = result.rendered.comment.split("\n\n").slice(0, 2).join("\n\n");
      return { ok: true, text: `${summary}\n\nThe report comment and the **w3o** check run are updated.${fork}` };
    }
    case "audit": {
      const lines = auditSection.render(await input.report(pull, settings, { recommend: false }), "compact", ctx);
      return { ok: true, text: `${lines.length ? lines.join("\n") : "The audit did not run: the repo did not load."}${fork}` };
    }
    case "recommend": {
      const lines = recommendationSection.render(await input.report(pull, settings, { recommend: true }), "full", ctx);
      if (!lines.length) return { ok: false, text: "`w3o.yaml` has no `useCase`: there is nothing to recommend from." };
      return { ok: true, text: `${lines.join("\n")}${fork}` };
    }
    case "drift":
      return { ok: false, text: "drift checks are not available from comments yet; `w3o plan --env ENV` shows drift locally." };
    case "unlock": {
      // The PR lock is keyed as the review took it (the base's project); the lease as the head's apply does.
      const lock = (await infraRepoFacts(gh, ref, settings, input.defaultBranch))?.project ?? facts.project;
      return unlockCommand({
        repo: `${ref.owner}/${ref.repo}`,
        project: { ...(lock ? { lock } : {}), ...(facts.project ? { lease: facts.project } : {}) },
        environment: command.env ?? "",
        pull: pull.number,
        prefix,
        ...(input.locks ? { locks: input.locks } : {}),
        releaseLease: input.unlock,
      });
    }
    case "help":
      return { ok: true, text: helpText(prefix) };
    case "apply":
      // Fail closed: without a lock store no lock can be taken, without an apply nothing may pretend to run.
      if (!input.locks || !input.apply)
        return { ok: false, text: "this face keeps no lock store and runs no apply from comments yet: nothing was applied." };
      return applyCommand({
        gh,
        ref,
        defaultBranch: input.defaultBranch,
        prefix,
        pull,
        settings,
        head: facts,
        environment: command.env ?? "",
        user: event.author.login,
        locks: input.locks,
        apply: input.apply,
        ownCheck: input.ownCheck ?? { name: "w3o" },
        ...(input.mergeableTries ? { mergeableTries: input.mergeableTries } : {}),
        ...(input.wait ? { wait: input.wait } : {}),
      });
  }
}
