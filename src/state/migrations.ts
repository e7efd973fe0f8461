import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";

/** The one place migrations tell the dialects apart: where SQLite and PostgreSQL have no common SQL. */
const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Migrations live in code, not in files found at run time: the CLI is bundled into one file by
 * esbuild, and a migration must ship with the code that reads its tables. Never edit a migration
 * that has shipped; add the next one.
 */
export const migrations: Record<string, Migration> = {
  "0001_journal_and_locks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("journal")
        // SQLite's rowid alias, PostgreSQL's sequence: both give ids in insertion order.
        .addColumn("id", isPostgres(db) ? "serial" : "integer", (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("network", "text", (c) => c.notNull())
        .addColumn("step", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("journal_scope").on("journal").columns(["project", "environment", "network", "id"]).execute();
      await db.schema
        .createTable("locks")
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("pid", "integer", (c) => c.notNull())
        .addColumn("since", "text", (c) => c.notNull())
        .addColumn("command", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("locks_pk", ["project", "environment"])
        .execute();
      // The journal is append-only: the database itself refuses edits, not just our code.
      if (isPostgres(db)) {
        await sql`CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the journal is append-only'; END $$`.execute(
          db,
        );
        await sql`CREATE TRIGGER journal_no_update_or_delete BEFORE UPDATE OR DELETE ON journal FOR EACH ROW EXECUTE FUNCTION journal_append_only()`.execute(
          db,
        );
        // TRUNCATE fires no row trigger: refuse it too (SQLite has no TRUNCATE).
        await sql`CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only()`.execute(
          db,
        );
        return;
      }
      await sql`CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END`.execute(
        db,
      );
      await sql`CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END`.execute(
        db,
      );
    },
  },
  // A lock becomes a lease: which run holds it, and until when unless renewed. A lock taken before
  // (empty run id, no expiry) never expires, as all locks did then.
  "0002_lock_leases": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("locks")
        .addColumn("run_id", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.alterTable("locks").addColumn("expires", "text").execute();
    },
  },
  // Webhook deliveries the app has taken on: GitHub redelivers (and users press "Redeliver"), and a
  // delivery handled twice would post twice. The primary key makes the claim atomic.
  "0003_deliveries": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
    },
  },
  // Locks tied to pull requests (issue 15): an environment reserved by the PR that plans or applies
  // changes to it, until that PR merges or closes. Apart from `locks` (the engine's lease of one run):
  // a PR lock lasts days, a lease seconds.
  "0004_pr_locks": {
    async up(db: Kysely<unknown>) {
      // IF NOT EXISTS: two SQLite openers of a new file race through the migrator (SQLite has no migration
      // lock), and the loser's retry must not fail on the table the winner just made.
      await db.schema
        .createTable("pr_locks")
        .ifNotExists()
        .addColumn("repo", "text", (c) => c.notNull())
        .addColumn("project", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("pull", "integer", (c) => c.notNull())
        .addColumn("head_sha", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("since", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("pr_locks_pk", ["repo", "project", "environment"])
        .execute();
      await db.schema.createIndex("pr_locks_by_pull").ifNotExists().on("pr_locks").columns(["repo", "pull"]).execute();
    },
  },
};

export const inCodeMigrations: MigrationProvider = { getMigrations: async () => migrations };
