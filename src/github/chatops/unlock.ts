import type { LockInfo } from "../../apply/lock.js";
import { lockedBy } from "../../report/sections/locks.js";
import { LockStoreError, type PrLock, readPullLock, releasePullLock } from "../../state/prLocks.js";
import type { StateStore } from "../../state/store.js";
import type { Answer } from "./apply.js";

export type UnlockInput = {
  /** `owner/name`. */
  repo: string;
  /** The PR lock's project (the default branch's w3o.yaml) and the engine lease's (the head's, as its apply keys it). */
  project: { lock?: string; lease?: string };
  environment: string;
  pull: number;
  prefix: string;
  /** Absent in a face without a lock store: only the lease is released. */
  locks?: StateStore;
  /** Releases the engine's apply lease of (project, environment), whoever holds it. */
  releaseLease: (key: { project: string; environment: string }) => Promise<LockInfo | undefined>;
};

const since = (l: PrLock) => `#${l.pull}${l.author ? ` (@${l.author})` : ""} since ${l.since}`;

/**
 * `/w3o unlock ENV` on a PR: the PR lock decides. Held by another PR, nothing is released, and the reply
 * says where to unlock it (on that PR, as Atlantis's unlock only frees the commenting PR's locks). Held by
 * this PR or by none: this PR's lock is released, and so is the engine's apply lease of the environment
 * (a crashed apply's, which blocks every apply until its expiry), naming whose each was.
 */
export async function unlockCommand(i: UnlockInput): Promise<Answer> {
  const env = i.environment;
  const lines: string[] = [];
  if (i.project.lock && i.locks) {
    const key = { repo: i.repo, project: i.project.lock, environment: env };
    try {
      const held = await readPullLock(i.locks, key);
      if (held && held.pull !== i.pull) {
        return {
          ok: false,
          text: `${lockedBy(held, `${i.prefix} unlock ${env}`)}. It is that PR's lock, not this one's: nothing was released.`,
        };
      }
      const released = held && (await releasePullLock(i.locks, key, i.pull));
      if (released) lines.push(`released the PR lock of \`${env}\` held by ${since(released)}.`);
    } catch (e) {
      if (!(e instanceof LockStoreError)) throw e;
      return { ok: false, text: "the lock store (the app's state database) could not be reached: nothing was released." };
    }
  }
  if (i.project.lease) {
    const held = await i.releaseLease({ project: i.project.lease, environment: env });
    if (held) {
      lines.push(
        `${lines.length ? "Also released" : "released"} the apply lease of \`${env}\` of ${i.project.lease}, held by ${held.holder} (pid ${held.pid}) since ${held.since}${held.runId ? `, run ${held.runId}` : ""}, for \`${held.command}\`. If that apply is still running, it stops sending at its next lease renewal.`,
      );
    }
  }
  if (!i.project.lock && !i.project.lease) {
    return { ok: false, text: "the PR's `w3o.yaml` has no `project`: it names the lock, so there is nothing to unlock." };
  }
  if (!lines.length)
    return { ok: true, text: `\`${env}\` of ${i.project.lock ?? i.project.lease} was not locked: there was nothing to release.` };
  return { ok: true, text: lines.join(" ") };
}
