import { type Dialect, Kysely, Migrator, sql } from "kysely";
import { BaseError } from "../errors/index.js";
import { inCodeMigrations, migrations } from "./migrations.js";
import type { StateDb } from "./schema.js";

export class StateError extends BaseError {
  override name = "StateError";
}

/**
 * The state store the engine is given: the journal and the leases, through kysely. The engine only
 * ever sees this object, never a file or a URL, so the database behind it (SQLite today, PostgreSQL
 * when several replicas share the work) is the caller's choice: a new backend is a new Dialect.
 */
export type StateStore = {
  db: Kysely<StateDb>;
  /** Where it lives, for messages: a file path, or a URL without its credentials. */
  label: string;
  close(): Promise<void>;
};

/**
 * Opens a store over any kysely dialect and brings its schema up to date (in-code migrations);
 * with `readOnly`, leaves the schema as it is (readers tolerate an older one).
 */
export async function openStore(dialect: Dialect, label: string, o: { readOnly?: boolean } = {}): Promise<StateStore> {
  const db = new Kysely<StateDb>({ dialect });
  const store = { db, label, close: () => db.destroy() };
  if (o.readOnly || (await upToDate(db))) return store;
  let { error, results } = await migrate(db);
  // Two processes migrating a new shared database at once: the migrator's own tables are created
  // outside its lock, so the loser's CREATE may fail; by then the winner holds the lock, and a second
  // try waits for it and finds the work done. SQLite has no migration lock at all: two openers of a new
  // file interleave migration by migration, so the loser looks again until the winner is through.
  for (let attempt = 0; error && attempt < 3; attempt++) {
    if (await upToDate(db)) error = undefined;
    else ({ error, results } = await migrate(db));
  }
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new StateError(`cannot migrate the state database ${label}${failed ? ` (migration ${failed})` : ""}`, { cause: error });
  }
  return store;
}

const migrate = (db: Kysely<StateDb>) => new Migrator({ db, provider: inCodeMigrations }).migrateToLatest();

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
