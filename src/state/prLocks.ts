import { BaseError } from "../errors/index.js";
import type { PrLockTable } from "./schema.js";
import type { StateStore } from "./store.js";

/** An environment reserved by one pull request, from the plan (or apply) that took it until it merges or closes. */
export type PrLock = {
  repo: string;
  project: string;
  environment: string;
  pull: number;
  headSha: string;
  /** The PR's author; "" when the event that took it did not say. */
  author: string;
  since: string;
};

export type PrLockKey = Pick<PrLock, "repo" | "project" | "environment">;

/** The store holding the PR locks could not be read or written: every caller fails closed on it. */
export class LockStoreError extends BaseError {
  override name = "LockStoreError";
}

export type TakeResult = { ok: true; lock: PrLock; taken: boolean } | { ok: false; heldBy: PrLock };

const fromRow = (r: PrLockTable): PrLock => ({
  repo: r.repo,
  project: r.project,
  environment: r.environment,
  pull: Number(r.pull),
  headSha: r.head_sha,
  author: r.author,
  since: r.since,
});

/** Runs a store call; any failure (a server gone, a closed pool) becomes a LockStoreError naming the store. */
async function guarded<T>(store: StateStore, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw new LockStoreError(`cannot ${what}: the lock store ${store.label} is unreachable`, {
      cause,
      hint: "Check the app's state database (W3O_STATE_URL or W3O_STATE_DB); nothing is applied until it answers.",
    });
  }
}

/**
 * Takes the PR lock of an environment for a pull request, or tells who holds it. The primary key makes it
 * atomic across replicas sharing the store: of two PRs taking it at once exactly one insert succeeds. A PR
 * already holding it keeps its `since`; its head SHA (and author, once known) are brought up to date.
 */
export async function takePullLock(store: StateStore, want: Omit<PrLock, "since">, now: Date = new Date()): Promise<TakeResult> {
  return guarded(store, `lock ${want.environment}`, async () => {
    for (;;) {
      const row = { ...keyOf(want), pull: want.pull, head_sha: want.headSha, author: want.author, since: now.toISOString() };
      const res = await store.db
        .insertInto("pr_locks")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0n) > 0) return { ok: true, lock: fromRow(row), taken: true };
      const held = await readOne(store, want);
      if (!held) continue; // released between our insert and our read
      if (held.pull !== want.pull) return { ok: false, heldBy: held };
      const author = want.author || held.author;
      await store.db
        .updateTable("pr_locks")
        .set({ head_sha: want.headSha, author })
        .where((eb) => eb.and({ ...keyOf(want), pull: want.pull }))
        .execute();
      return { ok: true, lock: { ...held, headSha: want.headSha, author }, taken: false };
    }
  });
}

const keyOf = (k: PrLockKey) => ({ repo: k.repo, project: k.project, environment: k.environment });

async function readOne(store: StateStore, key: PrLockKey): Promise<PrLock | undefined> {
  const row = await store.db
    .selectFrom("pr_locks")
    .selectAll()
    .where((eb) => eb.and(keyOf(key)))
    .executeTakeFirst();
  return row && fromRow(row);
}

/** The PR locks of these environments of a project, whoever holds them. */
export async function readPullLocks(store: StateStore, repo: string, project: string, environments: readonly string[]): Promise<PrLock[]> {
  if (!environments.length) return [];
  return guarded(store, "read the PR locks", async () => {
    const rows = await store.db
      .selectFrom("pr_locks")
      .selectAll()
      .where("repo", "=", repo)
      .where("project", "=", project)
      .where("environment", "in", [...environments])
      .execute();
    return rows.map(fromRow);
  });
}

/**
 * Releases every PR lock a pull request holds in a repo (it closed, or merged and its apply ran); what
 * it released, so the caller can say so. Idempotent: a redelivered close releases nothing more.
 */
export async function releasePullLocks(store: StateStore, repo: string, pull: number): Promise<PrLock[]> {
  return guarded(store, `release the locks of #${pull}`, async () => {
    const rows = await store.db.deleteFrom("pr_locks").where("repo", "=", repo).where("pull", "=", pull).returningAll().execute();
    return rows.map(fromRow);
  });
}

/** Releases one environment's PR lock if (and only if) this pull request holds it; what it released. */
export async function releasePullLock(store: StateStore, key: PrLockKey, pull: number): Promise<PrLock | undefined> {
  return guarded(store, `release the lock of ${key.environment}`, async () => {
    const rows = await store.db
      .deleteFrom("pr_locks")
      .where((eb) => eb.and({ ...keyOf(key), pull }))
      .returningAll()
      .execute();
    return rows[0] && fromRow(rows[0]);
  });
}

/** Who holds one environment's PR lock, if anyone. */
export async function readPullLock(store: StateStore, key: PrLockKey): Promise<PrLock | undefined> {
  return guarded(store, `read the lock of ${key.environment}`, () => readOne(store, key));
}
