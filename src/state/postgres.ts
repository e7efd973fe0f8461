import { PostgresDialect } from "kysely";
import pg from "pg";
import { redactUrl } from "../errors/redact.js";
import { openStore, StateError, type StateStore } from "./store.js";

/**
 * Opens the state store in a PostgreSQL database and brings its schema up to date: the store several
 * replicas of the app (or applies on several machines) share, so that a lease or a delivery is taken
 * by exactly one of them. The label keeps the URL without its password, for messages.
 */
export async function openPostgresStore(connectionString: string, o: { readOnly?: boolean } = {}): Promise<StateStore> {
  const label = redactUrl(connectionString);
  const pool = new pg.Pool({ connectionString, max: 4 });
  // An idle client losing its connection (a restarted server) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end();
    throw new StateError(`cannot connect to the state database ${label}`, {
      cause,
      hint: "Check the URL given to --state (or W3O_STATE_URL), that the server runs and accepts this user.",
    });
  }
  return openStore(new PostgresDialect({ pool }), label, o);
}
