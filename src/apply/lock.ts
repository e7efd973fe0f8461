import { randomUUID } from "node:crypto";
import os from "node:os";
import type { ExpressionBuilder, Kysely } from "kysely";
import { BaseError } from "../errors/index.js";
import type { LockTable, StateDb } from "../state/schema.js";

/** A lease as the engine sees it: the locks row, with its run id and expiry in camel case. */
export type LockInfo = Omit<LockTable, "run_id" | "expires"> & {
  /** The run that holds it; "" for a lock taken before leases. */
  runId: string;
  /** Until when the lease holds unless renewed (ISO 8601); undefined for a lock taken before leases: it never expires. */
  expires?: string;
};

type Key = { project: string; environment: string };

/** How long a lease lasts unless renewed: how long a crashed holder on another host blocks the next apply. */
export const DEFAULT_LEASE_MS = 120_000;
/** Renewed every third of the lease: two renewals can fail (a busy database, a long compile) before it lapses. */
const RENEWALS_PER_LEASE = 3;

const owner = (lock: LockInfo) => `${lock.holder} (pid ${lock.pid}) since ${lock.since}${lock.runId ? `, run ${lock.runId}` : ""}`;

/** Another apply (or a crashed one) holds the lease of this environment. */
export class LockHeldError extends BaseError {
  override name = "LockHeldError";
  constructor(readonly lock: LockInfo) {
    const lapse = lock.expires
      ? `its lease expires at ${lock.expires} unless that run renews it`
      : "it has no expiry (taken before leases)";
    super(`environment "${lock.environment}" of ${lock.project} is locked by ${owner(lock)}; ${lapse}`, {
      metaMessages: [`Held by: ${lock.command}`],
      hint: lock.expires
        ? `Wait for that apply to finish. If it crashed, its lease lapses at ${lock.expires} and the next apply takes over; if you know it is gone (pid ${lock.pid} on ${lock.holder.split("@").pop()}), run: w3o unlock --env ${lock.environment}`
        : `Wait for that apply to finish. If it crashed on another host, check it is gone there (pid ${lock.pid}), then run: w3o unlock --env ${lock.environment}`,
    });
  }
}

/** Why a lock may be taken over; undefined while its holder may still be running. */
export type StaleReason = "pid-gone" | "lease-expired";

/**
 * Whether a holder is known to be dead. On this host (same user@host) its pid is checked, whatever
 * its lease says. On another host the pid cannot be checked, so its lease decides: a lease not
 * renewed by its expiry means the run is gone (it renews while it lives). A lock taken before
 * leases has no expiry and stays until `w3o unlock`.
 */
export function staleReason(lock: LockInfo, now: Date = new Date()): StaleReason | undefined {
  if (lock.holder === whoami()) return pidGone(lock.pid) ? "pid-gone" : undefined;
  return lock.expires && lock.expires < now.toISOString() ? "lease-expired" : undefined;
}

function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export const whoami = () => `${os.userInfo().username}@${os.hostname()}`;

export type Lock = {
  readonly info: LockInfo;
  /** Stops renewing and deletes the lease (only this one: a lease taken over meanwhile is left alone). */
  release(): Promise<void>;
  /** The lease of a dead holder that was taken over to get this one, and why: the caller says so. */
  tookOver?: { lock: LockInfo; reason: StaleReason };
  /** Aborted when a renewal finds the lease gone (unlocked or taken over): the run must stop sending. */
  lost: AbortSignal;
};

export type LockOptions = {
  /** The run taking it (a job id, say); a fresh UUID by default. */
  runId?: string;
  /** How long the lease lasts unless renewed; DEFAULT_LEASE_MS by default. */
  leaseMs?: number;
  /** Called when a renewal fails for a reason other than a lost lease (it is retried at the next tick). */
  onRenewError?: (e: unknown) => void;
};

/**
 * Takes the lease of (project, environment) and renews it every third of its length until
 * released. The primary key makes taking it atomic across processes sharing the database: of two
 * applies, exactly one insert succeeds. A held lease is taken over only from a holder known dead
 * (staleReason), and the caller is told whose it was. Taking over is one statement, an upsert that
 * replaces only that very row (run, pid, since and expiry): of two applies taking over the same dead
 * lease exactly one replaces it and is told so, and a holder that renews meanwhile keeps it. (A
 * delete then an insert would let a third apply slip in between, holding the lease without knowing
 * it took one over.)
 */
export async function acquireLock(db: Kysely<StateDb>, key: Key, command: string, o: LockOptions = {}): Promise<Lock> {
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const runId = o.runId ?? randomUUID();
  for (;;) {
    const now = Date.now();
    const info: LockInfo = {
      ...key,
      holder: whoami(),
      pid: process.pid,
      since: new Date(now).toISOString(),
      command,
      runId,
      expires: new Date(now + leaseMs).toISOString(),
    };
    const res = await db
      .insertInto("locks")
      .values(toRow(info))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) > 0) return holdLease(db, info, leaseMs, undefined, o.onRenewError);
    const held = await readLock(db, key);
    if (!held) continue; // released between our insert and our read
    const reason = staleReason(held);
    if (!reason) throw new LockHeldError(held);
    if (await replaceExact(db, held, info)) return holdLease(db, info, leaseMs, { lock: held, reason }, o.onRenewError);
    // Another apply took it over, or its holder renewed it, since we read it: look again.
  }
}

/** Renews the lease while the run lives; the timer does not keep the process alive. */
function holdLease(db: Kysely<StateDb>, info: LockInfo, leaseMs: number, tookOver: Lock["tookOver"], onError?: (e: unknown) => void): Lock {
  const lost = new AbortController();
  let released = false;
  const renew = async () => {
    try {
      const expires = new Date(Date.now() + leaseMs).toISOString();
      const res = await db.updateTable("locks").set({ expires }).where(sameLease(info)).executeTakeFirst();
      if (released) return;
      if (Number(res.numUpdatedRows) === 0) {
        clearInterval(timer);
        lost.abort("a lost lease (w3o unlock, or another apply took it over after it expired)");
      } else info.expires = expires;
    } catch (e) {
      onError?.(e);
    }
  };
  const timer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / RENEWALS_PER_LEASE)));
  timer.unref();
  return {
    info,
    tookOver,
    lost: lost.signal,
    release: async () => {
      released = true;
      clearInterval(timer);
      // Whatever its expiry now (a renewal may be in flight): the run is ours.
      await db.deleteFrom("locks").where(sameLease(info)).execute();
    },
  };
}

const toRow = (l: LockInfo) => ({
  project: l.project,
  environment: l.environment,
  holder: l.holder,
  pid: l.pid,
  since: l.since,
  command: l.command,
  run_id: l.runId,
  expires: l.expires ?? null,
});

/** This very lease: its key, run, pid and acquisition time. */
const sameLease = (l: LockInfo) => (eb: ExpressionBuilder<StateDb, "locks">) =>
  eb.and({ project: l.project, environment: l.environment, run_id: l.runId, pid: l.pid, since: l.since });

/** Replaces this very lease row as last seen with `next`, and nothing else (a renewal meanwhile keeps it); whether it did. */
async function replaceExact(db: Kysely<StateDb>, seen: LockInfo, next: LockInfo): Promise<boolean> {
  const { project: _p, environment: _e, ...update } = toRow(next);
  const res = await db
    .insertInto("locks")
    .values(toRow(next))
    .onConflict((oc) =>
      oc
        .columns(["project", "environment"])
        .doUpdateSet(update)
        .where((eb) =>
          eb.and({
            "locks.run_id": seen.runId,
            "locks.pid": seen.pid,
            "locks.since": seen.since,
            "locks.expires": seen.expires ?? null,
          }),
        ),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function readLock(db: Kysely<StateDb>, key: Key): Promise<LockInfo | undefined> {
  const row = await db
    .selectFrom("locks")
    .selectAll()
    .where("project", "=", key.project)
    .where("environment", "=", key.environment)
    .executeTakeFirst();
  return row && fromRow(row);
}

/** A locks row as LockInfo; a row of a database not migrated yet (read-only readers) has no lease columns. */
function fromRow(row: { run_id?: string | null; expires?: string | null } & Omit<LockInfo, "runId" | "expires">): LockInfo {
  const { run_id, expires, ...rest } = row;
  return { ...rest, runId: run_id ?? "", ...(expires ? { expires } : {}) };
}

/** Releases whoever holds the lock; returns what was released so the CLI can say it. */
export async function releaseLock(db: Kysely<StateDb>, key: Key): Promise<LockInfo | undefined> {
  const held = await readLock(db, key);
  if (held) await db.deleteFrom("locks").where("project", "=", key.project).where("environment", "=", key.environment).execute();
  return held;
}
