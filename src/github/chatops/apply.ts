import { lockedBy } from "../../report/sections/locks.js";
import { LockStoreError, takePullLock } from "../../state/prLocks.js";
import type { StateStore } from "../../state/store.js";
import { type AppRepoSettings, type InfraRepoFacts, infraRepoFacts } from "../app/settings.js";
import type { GitHubClient } from "../client.js";
import type { PullFacts } from "../pullRequest.js";
import { unmetRequirements } from "../requirements.js";
import type { RepoRef } from "../stickyComment.js";

/** One contract an apply deployed (or found deployed), for the reply. */
export type AppliedAddress = { network: string; contract: string; address: string };

/** What the face's apply did: the addresses and any failed steps, or why it did not start (nothing was sent). */
export type ChatApplyResult =
  | { outcome: "applied"; addresses: AppliedAddress[]; failed: string[]; skipped?: string[]; logUrl?: string }
  | { outcome: "refused"; reason: string };

/** What the apply callback is told besides the PR, its settings and the environment. */
export type ChatApplyContext = {
  /** The project of the lock key (the default branch's w3o.yaml). */
  project: string;
  /** The login of whoever commented `/w3o apply`. */
  requestedBy: string;
};

/**
 * Applies an environment of a pull request's head, once permission, requirements and the PR lock are
 * settled: the face's apply-on-GitHub flow (or, in the app for now, the engine's apply of the head).
 */
export type ApplyCallback = (
  pull: PullFacts,
  settings: AppRepoSettings,
  environment: string,
  ctx: ChatApplyContext,
) => Promise<ChatApplyResult>;

export type ApplyCommandInput = {
  gh: GitHubClient;
  ref: RepoRef;
  defaultBranch: string;
  prefix: string;
  pull: PullFacts;
  settings: AppRepoSettings;
  /** The PR head's w3o.yaml: only a fallback for the project, never for what is required. */
  head: InfraRepoFacts;
  environment: string;
  user: string;
  locks: StateStore;
  apply: ApplyCallback;
  ownCheck: { name: string; appSlug?: string };
  mergeableTries?: number;
  wait?: (ms: number) => Promise<void>;
};

export type Answer = { ok: boolean; text: string };

/**
 * `/w3o apply ENV` once `mayRun` allowed it (write permission, allow-list, not a fork): the environment's
 * `requires` as the default branch's w3o.yaml says (one read; the PR's own file can lift nothing), then
 * the PR lock, then the apply. Calls: w3o.yaml at the default branch, then what the requirements need.
 */
export async function applyCommand(i: ApplyCommandInput): Promise<Answer> {
  const { environment: env, defaultBranch } = i;
  const trusted = await infraRepoFacts(i.gh, i.ref, i.settings, defaultBranch);
  if (!trusted?.environments.includes(env)) {
    return {
      ok: false,
      text: `\`${env}\` is not an environment of \`w3o.yaml\` on ${defaultBranch}: what it requires is read there, so an environment this PR adds is applied once it is merged. Nothing was applied.`,
    };
  }
  const requires = trusted.requires[env];
  if (requires === "invalid" || !requires) {
    return {
      ok: false,
      text: `\`environments.${env}.requires\` in \`w3o.yaml\` on ${defaultBranch} is not valid: fix it there. Nothing was applied.`,
    };
  }
  const unmet = await unmetRequirements({
    gh: i.gh,
    ref: i.ref,
    pull: i.pull,
    requires,
    ownCheck: i.ownCheck,
    ...(i.mergeableTries ? { mergeableTries: i.mergeableTries } : {}),
    ...(i.wait ? { wait: i.wait } : {}),
  });
  if (unmet.length) {
    return {
      ok: false,
      text: [
        `\`${env}\` requires ${requires.map((r) => `\`${r}\``).join(", ")} (\`w3o.yaml\` on ${defaultBranch}), and this PR does not meet ${unmet.length === 1 ? "one" : unmet.length}:`,
        ...unmet.map((u) => `- **${u.requirement}**: ${u.reason}`),
        "",
        "Nothing was applied.",
      ].join("\n"),
    };
  }
  const project = trusted.project ?? i.head.project;
  if (!project) return { ok: false, text: "`w3o.yaml` has no `project`: it names the lock, so nothing was applied." };
  try {
    const got = await takePullLock(i.locks, {
      repo: `${i.ref.owner}/${i.ref.repo}`,
      project,
      environment: env,
      pull: i.pull.number,
      headSha: i.pull.headSha,
      author: i.pull.author ?? "",
    });
    if (!got.ok) return { ok: false, text: `${lockedBy(got.heldBy, `${i.prefix} unlock ${env}`)}. Nothing was applied.` };
  } catch (e) {
    if (!(e instanceof LockStoreError)) throw e;
    return {
      ok: false,
      text: "the lock store (the app's state database) could not be reached, so w3o cannot tell who holds the lock: nothing was applied.",
    };
  }
  return answer(env, i.pull, await i.apply(i.pull, i.settings, env, { project, requestedBy: i.user }));
}

function answer(env: string, pull: PullFacts, r: ChatApplyResult): Answer {
  if (r.outcome === "refused") return { ok: false, text: `\`${env}\` was not applied: ${r.reason}` };
  const at = `\`${env}\` at \`${pull.headSha.slice(0, 7)}\``;
  const rows = r.addresses.map((a) => `| \`${a.network}\` | \`${a.contract}\` | \`${a.address}\` |`);
  const table = rows.length ? ["", "| network | contract | address |", "| --- | --- | --- |", ...rows] : [];
  const failed = r.failed.length ? ["", `Failed steps: ${r.failed.map((f) => `\`${f}\``).join(", ")}.`] : [];
  const skipped = r.skipped?.length ? ["", `Not applied: ${r.skipped.map((s) => `\`${s}\``).join(", ")}.`] : [];
  const log = r.logUrl ? ["", `[The log](${r.logUrl}).`] : [];
  const head = r.failed.length ? `applied ${at}, but ${r.failed.length} step(s) failed.` : `applied ${at}.`;
  return { ok: r.failed.length === 0, text: [head, ...table, ...failed, ...skipped, ...log].join("\n") };
}
