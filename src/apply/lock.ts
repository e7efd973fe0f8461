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
      metaMessages: [`Held by: ${lock.command}`],
      hint: `Wait for that apply to finish. If it crashed on another host, check it is gone there (pid ${lock.pid}), then run: w3o unlock --env ${lock.environment}`,
    });
  }
}

/**
 * The holder is known to be dead: it ran on this host (same user@host) and its pid is not running.
 * A holder on another host cannot be checked from here, so its lock stays until `w3o unlock`.
 */
export function holderGone(lock: LockInfo): boolean {
  if (lock.holder !== whoami()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export const whoami = () => `${os.userInfo().username}@${os.hostname()}`;

export type Lock = {
  release(): Promise<void>;
  /** The lock of a dead holder on this host that was taken over to get this one: the caller says so. */
  tookOver?: LockInfo;
};

/**
 * Takes the lock of (project, environment). The primary key makes it atomic across processes
 * sharing the database: of two applies, exactly one insert succeeds. A lock is never expired by
 * age; it is taken over only from a holder proven dead (same host, pid gone, see holderGone),
 * and the caller is told so. Of two applies taking over the same dead lock, the delete matches
 * only the dead row, so exactly one insert still succeeds.
 */
export async function acquireLock(
  db: Kysely<StateDb>,
  key: { project: string; environment: string },
  command: string,
  tookOver?: LockInfo,
): Promise<Lock> {
  const row = { ...key, holder: whoami(), pid: process.pid, since: new Date().toISOString(), command };
  const res = await db
    .insertInto("locks")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) {
    const held = await readLock(db, key);
    if (!held) return acquireLock(db, key, command, tookOver);
    if (!holderGone(held)) throw new LockHeldError(held);
    await deleteExact(db, held);
    return acquireLock(db, key, command, held);
  }
  return { tookOver, release: () => deleteExact(db, row) };
}

/** Deletes this very lock row, and nothing if another holder has taken the lock meanwhile. */
async function deleteExact(db: Kysely<StateDb>, row: Omit<LockInfo, "holder" | "command">): Promise<void> {
  await db
    .deleteFrom("locks")
    .where("project", "=", row.project)
    .where("environment", "=", row.environment)
    .where("pid", "=", row.pid)
    .where("since", "=", row.since)
    .execute();
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
