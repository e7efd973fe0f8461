import { BaseError } from "../errors/index.js";
import { initialFees } from "./fees.js";
import type { ExecContext, ExecOptions } from "./flight.js";
import { stopIfAborted } from "./interrupt.js";
import { reduceJournal, type StepState } from "./journal.js";
import { NonceManager } from "./nonces.js";
import type { Op, OpResult } from "./ops.js";
import { pollReceipts, poolWedged, replaceStuck } from "./receipts.js";
import { differingParts, fingerprint, type Mismatch, ReconcileError } from "./reconcile.js";
import { resumeJournaled } from "./resume.js";
import { runWave } from "./wave.js";

export type { ExecEvent, ExecOptions } from "./flight.js";
export { TxFailedError } from "./tx.js";

/**
 * Runs ops to completion: checks the journal against what the repo asks for now, resumes what a
 * previous run left in flight, then sends the rest in pipelined waves under managed nonces (see
 * wave.ts), polling receipts in one batch and replacing stuck txs, until every op is done, failed
 * or blocked by a failed dependency.
 */
export async function execute(ops: Op[], o: ExecOptions): Promise<Map<string, OpResult>> {
  const emit = o.onEvent ?? (() => {});
  const secrets = o.signers.secrets;
  const state = reduceJournal(await o.journal.load());
  const results = new Map<string, OpResult>();
  const addresses = new Map<string, string>();
  const addressOf = (id: string) => {
    const a = addresses.get(id);
    if (!a) throw new BaseError(`internal: address of ${id} is not known yet`);
    return a;
  };

  // 1. Reconcile: every step the journal knows must be what the repo asks for now.
  const mismatches: Mismatch[] = [];
  const journaled = new Map<string, StepState>();
  for (const op of ops) {
    const st = state.steps.get(op.id);
    if (!st || st.status === "failed") continue;
    if (st.intent.address) addresses.set(op.id, st.intent.address);
    const built = op.needs.every((n) => addresses.has(n)) ? op.build(addressOf) : undefined;
    if (!built || fingerprint(op, built) !== st.intent.fingerprint) {
      mismatches.push({ op, intent: st.intent, differs: built ? differingParts(st.intent, op, built) : ["dependencies"] });
      continue;
    }
    journaled.set(op.id, st);
  }
  if (mismatches.length) throw new ReconcileError(mismatches);

  // 2. Resume: settle what a previous run left signed or sent.
  const byId = new Map(ops.map((op) => [op.id, op]));
  const { inFlight, pendingNonces } = await resumeJournaled(o, journaled, byId, addresses, results, emit, secrets);

  // 3. Nonces synced with the chain (refusing pending txs that are not ours) and fees, read together.
  const senders = [...new Set(ops.map((op) => op.from.toLowerCase()))];
  const [nonces, fees] = await Promise.all([NonceManager.sync(o.rpc, senders, pendingNonces), initialFees(o.rpc, o.gas)]);

  const failed = (id: string) => results.get(id)?.status === "failed" || results.get(id)?.status === "blocked";
  const x: ExecContext = {
    o,
    pending: ops.filter((op) => !results.has(op.id) && !inFlight.has(op.id)),
    inFlight,
    results,
    addresses,
    nonces,
    fees,
    isDone: (id) => results.get(id)?.status === "done" || results.get(id)?.status === "skipped",
    emit,
    secrets,
    waits: { stuck: new Set() },
  };

  // 4. Waves until nothing is pending or in flight.
  let lastProgress = Date.now();
  while (x.pending.length || inFlight.size) {
    await stopIfAborted(x);
    // Blocked: a dependency failed, so this op cannot be built or would deploy against nothing.
    for (let i = x.pending.length - 1; i >= 0; i--) {
      const op = x.pending[i]!;
      const bad = [...op.needs, ...op.after].find(failed);
      if (bad) {
        x.pending.splice(i, 1);
        results.set(op.id, { id: op.id, status: "blocked", message: `not sent: ${bad} failed` });
        emit({ type: "op-failed", op: op.id, message: `not sent: ${bad} failed` });
      }
    }
    const before = x.pending.length;
    const sent = await runWave(x);
    if (sent) lastProgress = Date.now();
    if (!inFlight.size) {
      if (x.pending.length && !sent && x.pending.length === before) {
        // Nothing in flight and nothing could go: what is left waits on something that will never come.
        for (const op of x.pending.splice(0)) {
          results.set(op.id, { id: op.id, status: "blocked", message: "its dependencies did not complete" });
        }
      }
      continue;
    }
    if (await pollReceipts(x)) {
      lastProgress = Date.now();
      continue;
    }
    if (o.devnet && Date.now() - lastProgress >= WEDGE_CHECK_MS) {
      lastProgress = Date.now(); // at most one look at the pool per WEDGE_CHECK_MS
      if (await poolWedged(o)) {
        await replaceStuck(x, { all: true });
        continue;
      }
    }
    await replaceStuck(x);
    await sleep(o.pollMs);
  }
  return results;
}

/** On a devnet, receipts come within milliseconds: this long without one is worth a look at the pool (then again as often). */
const WEDGE_CHECK_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
