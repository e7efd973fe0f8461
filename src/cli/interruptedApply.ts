import { readEnvInterrupted } from "../apply/interrupted.js";
import type { Model } from "../config/model.js";
import type { Interrupted } from "../state/interrupted.js";
import { openStateReadOnlyAt, stateLocation } from "./stateStore.js";

/**
 * What plan and verify read of an interrupted apply: the store at --state (or W3O_STATE_URL, or the
 * repo's SQLite file), opened read-only and never created or migrated; `dir` and `state` as the user typed them, for the command to run.
 */
export async function interruptedApply(model: Model, env: string, o: { dir: string; state?: string }): Promise<Interrupted | undefined> {
  const { location, shown } = stateLocation(o.state, model.dir);
  const store = await openStateReadOnlyAt(location);
  try {
    return await readEnvInterrupted(model, env, store, { dir: o.dir, state: shown });
  } finally {
    await store?.close();
  }
}
