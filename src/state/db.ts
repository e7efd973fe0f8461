import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { StateDb } from "./schema.js";
import { openStore, StateError, type StateStore } from "./store.js";

export { StateError, type StateStore } from "./store.js";

/** Where the embedded state database lives when --state is not given. */
export const defaultStatePath = (repoDir: string) => path.join(repoDir, ".w3o", "state.db");

/** What openState gives: a StateStore like any other, over SQLite. */
export type State = StateStore;

/**
 * Opens (creating if needed) the SQLite state store in `file` and brings its schema up to date.
 * WAL + synchronous=FULL: a committed journal event survives a kill -9 and a power cut, and
 * readers (plan, a second apply checking the lock) never block the writer.
 */
export async function openState(file: string): Promise<StateStore> {
  mkdirSync(path.dirname(file), { recursive: true });
  // The journal and locks are this machine's state, never the team's: keep git from committing them.
  if (path.basename(path.dirname(file)) === ".w3o") writeFileSync(path.join(path.dirname(file), ".gitignore"), "*\n", { flag: "w" });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: 10_000 });
  } catch (cause) {
    throw new StateError(`cannot open the state database ${file}`, { cause, hint: "Check the path given to --state and its permissions." });
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  return openStore(new SqliteDialect({ database: sqlite }), file);
}

/**
 * Opens an existing SQLite state database read-only, without migrating it (plan and verify read it
 * while an apply runs, or after one died, and must never create one); undefined when there is none.
 * Its schema may be older than this code's: readers select what they need and tolerate absent columns.
 */
export function openStateReadOnly(file: string): StateStore | undefined {
  if (!existsSync(file)) return undefined;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const db = new Kysely<StateDb>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, label: file, close: () => db.destroy() };
}
