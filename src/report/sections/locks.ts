import { code } from "../markdown.js";
import type { Section } from "../section.js";
import type { PullLockView } from "../types.js";

const by = (l: PullLockView) => `#${l.pull}${l.author ? ` (@${l.author})` : ""}`;

/** Who holds an environment, since when, and what to do next: the report's line and chat-ops' refusal. */
export function lockedBy(l: PullLockView, unlock: string): string {
  return (
    `\`${l.environment}\` is locked by ${by(l)} since ${l.since}. ` +
    `Next: merge or close #${l.pull}, or comment ${code(unlock)} on #${l.pull}`
  );
}

/**
 * PR locks: which environment another PR holds (who, since when, and what to do about it), which this PR
 * holds, and which could not be checked. Right under the summary, and folded last: it decides what applies.
 */
export const locksSection: Section = {
  id: "locks",
  foldOrder: 1,
  render(r, _detail, ctx) {
    const locks = r.locks;
    if (!locks || (!locks.held.length && !locks.blocked.length && !locks.unavailable)) return [];
    const command = (env: string) => ctx.commands.unlock?.(env) ?? `/w3o unlock ${env}`;
    const unlock = (env: string) => code(command(env));
    const out = ["### Locks", ""];
    for (const l of locks.blocked) {
      out.push(
        `- 🔒 ${lockedBy(l, command(l.environment))}; then re-run this PR's plan. Until then its plan for \`${l.environment}\` is blocked and will not be applied.`,
      );
    }
    if (locks.unavailable) {
      const envs = locks.unavailable.environments.map((e) => `\`${e}\``).join(", ");
      out.push(
        `- ⚠️ The lock store could not be reached (${locks.unavailable.reason}): w3o cannot tell whether another PR holds ${envs}, so ${locks.unavailable.environments.length > 1 ? "their plans are" : "its plan is"} blocked. Next: re-run the plan once the app's state database answers.`,
      );
    }
    for (const l of locks.held) {
      out.push(
        `- 🔐 This PR holds the lock of \`${l.environment}\` since ${l.since}: other PRs changing \`${l.environment}\` wait until it merges or closes, or ${unlock(l.environment)} here.`,
      );
    }
    return out;
  },
};
