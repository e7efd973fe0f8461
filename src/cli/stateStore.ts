import { redactUrl } from "../errors/redact.js";
import { defaultStatePath } from "../state/db.js";
import { isPostgresUrl } from "../state/open.js";

// The openers live with the state code: the app picks its store the same way.
export { openStateAt, openStateReadOnlyAt } from "../state/open.js";

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
