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

/** One row per held lock; releasing deletes it. */
export type LockTable = {
  project: string;
  environment: string;
  /** user@host */
  holder: string;
  pid: number;
  since: string;
  command: string;
};

export type StateDb = {
  journal: JournalTable;
  locks: LockTable;
};
