import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { BaseError } from "../errors/index.js";
import { inCodeMigrations, migrations } from "./migrations.js";
import type { StateDb } from "./schema.js";

export class StateError extends BaseError {
  override name = "StateError";
}

/** Where the embedded state database lives when --state is not given. */
export const defaultStatePath = (repoDir: string) => path.join(repoDir, ".w3o", "state.db");

export type State = { db: Kysely<StateDb>; path: string; close(): Promise<void> };

/**
 * Opens (creating if needed) the SQLite state database and brings its schema up to date.
 * WAL + synchronous=FULL: a committed journal event survives a kill -9 and a power cut, and
 * readers (plan, a second apply checking the lock) never block the writer.
 */
export async function openState(file: string): Promise<State> {
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
  const db = new Kysely<StateDb>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (await upToDate(db)) return { db, path: file, close: () => db.destroy() };
  const { error, results } = await new Migrator({ db, provider: inCodeMigrations }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new StateError(`cannot migrate the state database ${file}${failed ? ` (migration ${failed})` : ""}`, { cause: error });
  }
  return { db, path: file, close: () => db.destroy() };
}

/**
 * Every in-code migration already applied: the case of every run after the first, answered by one
 * read instead of the migrator's table checks and migration lock (a few ms on each command).
 */
async function upToDate(db: Kysely<StateDb>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false; // no migration table yet: a new database
  }
}
