import { readEnvInterrupted } from "../apply/interrupted.js";
import type { Model } from "../config/model.js";
import { defaultStatePath, openStateReadOnly } from "../state/db.js";
import type { Interrupted } from "../state/interrupted.js";

/**
 * What plan and verify read of an interrupted apply: the SQLite store at --state (or the repo's),
 * opened read-only and never created; `dir` and `state` as the user typed them, for the command to run.
 */
export async function interruptedApply(model: Model, env: string, o: { dir: string; state?: string }): Promise<Interrupted | undefined> {
  const store = openStateReadOnly(o.state ?? defaultStatePath(model.dir));
  try {
    return await readEnvInterrupted(model, env, store, o);
  } finally {
    await store?.close();
  }
}
