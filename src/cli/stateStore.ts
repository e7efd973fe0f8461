import { redactUrl } from "../errors/redact.js";
import { defaultStatePath, openState, openStateReadOnly } from "../state/db.js";
import type { StateStore } from "../state/store.js";

/** A location that names a PostgreSQL database rather than a SQLite file. */
const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/**
 * Where the state lives: --state, else W3O_STATE_URL (so a URL with a password need not be typed
 * on a command line), else the repo's SQLite file. `shown` is what a printed command may repeat:
 * nothing when the environment gave it (it still does), a URL without its password.
 */
export function stateLocation(given: string | undefined, repoDir: string): { location: string; shown?: string } {
  if (given) return { location: given, shown: isPostgresUrl(given) ? redactUrl(given) : given };
  const url = process.env.W3O_STATE_URL;
  return url ? { location: url } : { location: defaultStatePath(repoDir) };
}

/** Opens (and migrates) the store at a location: PostgreSQL for a URL, SQLite for a path. */
export async function openStateAt(location: string): Promise<StateStore> {
  if (!isPostgresUrl(location)) return openState(location);
  const { openPostgresStore } = await import("../state/postgres.js");
  return openPostgresStore(location);
}

/** Opens the store at a location for reading, never creating or migrating it; undefined for a SQLite file that does not exist. */
export async function openStateReadOnlyAt(location: string): Promise<StateStore | undefined> {
  if (!isPostgresUrl(location)) return openStateReadOnly(location);
  const { openPostgresStore } = await import("../state/postgres.js");
  return openPostgresStore(location, { readOnly: true });
}
