import { BaseError } from "../errors/index.js";
import type { ExecContext } from "./flight.js";
import { pollReceipts } from "./receipts.js";

/** What one network had left when the apply was asked to stop. */
export type Remaining = {
  network: string;
  /** Steps done (mined, skipped or found done) before the stop; undefined when the network was not started. */
  done?: number;
  /** Sent and not yet mined: journaled (write-ahead), so the next apply settles them, never sends them anew. */
  inFlight: { op: string; nonce: number; hash: string }[];
  /** Never signed: the next apply sends them. */
  notSent: string[];
};

/** Thrown by execute once it stopped at a safe point: between waves, with every sent tx journaled. */
export class ExecInterrupted extends Error {
  constructor(readonly remaining: Omit<Remaining, "network">) {
    super("interrupted");
  }
}

/** What an apply that stopped says: its message and what to do next. */
type StopWords = { message: string; hint: string };

/**
 * The apply stopped on a signal (SIGINT, SIGTERM): nothing more was sent, what was in flight is in
 * the journal, and the lock is released by the time the caller sees this. `finish` resumes it.
 */
export class ApplyInterruptedError extends BaseError {
  override name = "ApplyInterruptedError";
  constructor(
    readonly signal: string,
    readonly environment: string,
    readonly remaining: Remaining[],
    readonly finish: string,
    words: StopWords = {
      message: `apply of ${environment} interrupted by ${signal}: ${anySent(remaining) ? "no new transaction was sent after it" : "nothing was sent"}`,
      hint: `Every transaction sent is in the journal and the lock is released. To finish: ${finish}`,
    },
  ) {
    super(words.message, { metaMessages: remaining.flatMap(describe), hint: words.hint });
  }
}

/**
 * The apply's lease was gone at a renewal (its row deleted by `w3o unlock`, or taken over by another apply
 * that saw it expire), so it stopped as on a signal. Unlike a signal, another run may now hold the
 * environment: the hint says to let that one finish first, and never says the lock was released.
 */
export class LeaseLostError extends ApplyInterruptedError {
  override name = "LeaseLostError";
  constructor(environment: string, remaining: Remaining[], finish: string) {
    super("a lost lease", environment, remaining, finish, {
      message: `apply of ${environment} stopped: it lost its lock, ${anySent(remaining) ? "no new transaction was sent after that" : "nothing was sent"}`,
      hint:
        `Another apply took the lock over (this run's lease had lapsed: a stalled process or database), or someone ran w3o unlock --env ${environment}. ` +
        `Every transaction this run sent is in the journal. Do not start another apply while that run may still be sending: ` +
        `wait for it to finish (a new apply says who holds the lock), then run: ${finish}`,
    });
  }
}

const anySent = (remaining: Remaining[]) => remaining.some((r) => r.done || r.inFlight.length);

function describe(r: Remaining): string[] {
  if (r.done === undefined) return [`${r.network}: not started`];
  return [
    `${r.network}: ${r.done} done, ${r.inFlight.length} sent and not yet mined, ${r.notSent.length} not sent`,
    ...r.inFlight.map((f) => `  in flight: ${f.op} (nonce ${f.nonce}, tx ${f.hash})`),
    ...r.notSent.map((id) => `  not sent: ${id}`),
  ];
}

/**
 * Stops execute when its signal is aborted: one last receipt poll journals what was mined meanwhile
 * (best effort: the journal already holds every signed tx, so a failing node changes nothing),
 * then what remains is thrown.
 */
export async function stopIfAborted(x: ExecContext): Promise<void> {
  if (!x.o.signal?.aborted) return;
  if (x.inFlight.size) await pollReceipts(x).catch(() => false);
  const done = [...x.results.values()].filter((r) => r.status === "done" || r.status === "skipped").length;
  throw new ExecInterrupted({
    done,
    inFlight: [...x.inFlight.values()].map((f) => ({ op: f.op.id, nonce: f.intent.nonce, hash: f.txs.at(-1)!.hash })),
    notSent: x.pending.map((op) => op.id),
  });
}
