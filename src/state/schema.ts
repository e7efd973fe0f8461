import type { Generated } from "kysely";

/** Append-only: rows are inserted, never updated or deleted (Ignition's journal, in SQL). */
export type JournalTable = {
  id: Generated<number>;
  project: string;
  environment: string;
  network: string;
  /** Step id, e.g. "AcmeToken#deploy"; "$record" for deployment records. */
  step: string;
  type: string;
  /** The event's payload as JSON. */
  data: string;
  at: string;
};

/** One row per held lock (a lease); releasing deletes it. */
export type LockTable = {
  project: string;
  environment: string;
  /** user@host */
  holder: string;
  pid: number;
  /** When it was acquired (ISO 8601). */
  since: string;
  command: string;
  /** The run holding it; "" for a lock taken before leases. */
  run_id: Generated<string>;
  /** ISO 8601; renewed while the run lives. null for a lock taken before leases: it never expires. */
  expires: string | null;
};

/** One row per webhook delivery the app took on (its `X-GitHub-Delivery` id). */
export type DeliveryTable = {
  id: string;
  /** `pull_request.synchronize`, for the operator reading the table. */
  event: string;
  /** When it was claimed (ISO 8601). */
  at: string;
};

/** One row per environment a pull request holds (PR locks); releasing deletes it. */
export type PrLockTable = {
  /** `owner/name` on GitHub. */
  repo: string;
  project: string;
  environment: string;
  pull: number;
  /** The head the lock was last taken or confirmed for. */
  head_sha: string;
  /** The PR's author; "" when the event did not say (a re-requested check run). */
  author: string;
  /** When the PR took it (ISO 8601). */
  since: string;
};

export type StateDb = {
  journal: JournalTable;
  locks: LockTable;
  deliveries: DeliveryTable;
  pr_locks: PrLockTable;
};
