import { BaseError } from "../errors/index.js";

/**
 * 0: all good. 1: the repo has problems (config errors, failing findings). 2: the command was used wrongly.
 * An apply stopped by a signal exits 128 + its number (130 SIGINT, 143 SIGTERM; cli/interrupt.ts).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called, rather than in the repo it was pointed at. */
export class UsageError extends BaseError {
  override name = "UsageError";
}
