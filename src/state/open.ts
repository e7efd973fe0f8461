import { openState, openStateReadOnly } from "./db.js";
import type { StateStore } from "./store.js";

/** A location that names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** Opens (and migrates) the store at a location: PostgreSQL for a URL, SQLite for a path. */
export async function openStateAt(location: string): Promise<StateStore> {
  if (!isPostgresUrl(location)) return openState(location);
  const { openPostgresStore } = await import("./postgres.js");
  return openPostgresStore(location);
}

/** Opens the store at a location for reading, never creating or migrating it; undefined for a SQLite file that does not exist. */
export async function openStateReadOnlyAt(location: string): Promise<StateStore | undefined> {
  if (!isPostgresUrl(location)) return openStateReadOnly(location);
  const { openPostgresStore } = await import("./postgres.js");
  return openPostgresStore(location, { readOnly: true });
}
