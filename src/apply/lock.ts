import os from "node:os";
import type { Kysely } from "kysely";
import { BaseError } from "../errors/index.js";
import type { StateDb } from "../state/schema.js";

export type LockInfo = { project: string; environment: string; holder: string; pid: number; since: string; command: string };

/** Another apply (or a crashed one) holds the lock of this environment. */
export class LockHeldError extends BaseError {
  override name = "LockHeldError";
  constructor(readonly lock: LockInfo) {
    super(`environment "${lock.environment}" of ${lock.project} is locked by ${lock.holder} (pid ${lock.pid}) since ${lock.since}`, {
      metaMessages: [
        `Held by: ${lock.command}`,
        ...(holderGone(lock) ? [`pid ${lock.pid} is not running on this host: that apply crashed or was killed.`] : []),
      ],
      hint: `Wait for that apply to finish. If it crashed, check it is gone (pid ${lock.pid} on its host), then run: w3o unlock --env ${lock.environment}`,
    });
  }
}

/** Only said, never acted on: a lock is released by `w3o unlock`, not by guessing. */
function holderGone(lock: LockInfo): boolean {
  if (lock.holder !== whoami()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export const whoami = () => `${os.userInfo().username}@${os.hostname()}`;

/**
 * Takes the lock of (project, environment). The primary key makes it atomic across processes
 * sharing the database: of two applies, exactly one insert succeeds. A lock is never stolen
 * or expired silently, even from a dead process: `w3o unlock` is the explicit way out.
 */
export async function acquireLock(
  db: Kysely<StateDb>,
  key: { project: string; environment: string },
  command: string,
): Promise<{ release(): Promise<void> }> {
  const row = { ...key, holder: whoami(), pid: process.pid, since: new Date().toISOString(), command };
  const res = await db
    .insertInto("locks")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const held = await readLock(db, key);
    if (held) throw new LockHeldError(held);
    return acquireLock(db, key, command);
  }
  return {
    release: async () => {
      await db
        .deleteFrom("locks")
        .where("project", "=", key.project)
        .where("environment", "=", key.environment)
        .where("pid", "=", row.pid)
        .where("since", "=", row.since)
        .execute();
    },
  };
}

export async function readLock(db: Kysely<StateDb>, key: { project: string; environment: string }): Promise<LockInfo | undefined> {
  return db
    .selectFrom("locks")
    .selectAll()
    .where("project", "=", key.project)
    .where("environment", "=", key.environment)
    .executeTakeFirst();
}

/** Releases whoever holds the lock; returns what was released so the CLI can say it. */
export async function releaseLock(db: Kysely<StateDb>, key: { project: string; environment: string }): Promise<LockInfo | undefined> {
  const held = await readLock(db, key);
  if (held) await db.deleteFrom("locks").where("project", "=", key.project).where("environment", "=", key.environment).execute();
  return held;
}
