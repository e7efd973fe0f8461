import { BaseError, redact } from "../errors/index.js";
import type { JournalEvent, TxSignedEvent } from "./events.js";
import type { ExecEvent, ExecOptions, Flight } from "./flight.js";
import type { StepState } from "./journal.js";
import type { Op, OpResult } from "./ops.js";
import { receiptEvent } from "./receipts.js";
import { settle } from "./settle.js";
import { classifySend, TxFailedError } from "./tx.js";

export type Resumed = {
  /** Txs a previous run sent that are not mined yet: rebroadcast, and awaited like fresh ones. */
  inFlight: Map<string, Flight>;
  /** Per sender (lower-case), the nonces those txs hold: pending, but ours. */
  pendingNonces: Map<string, Set<number>>;
};

/**
 * Settles what a previous run left in the journal: a tx that was mined gets its receipt, one still
 * pending is rebroadcast (the same signed bytes: same hash, same nonce, same address) and awaited,
 * one never signed, or whose nonce the chain proves another tx took (settle.ts), is voided so that
 * the step starts over. Steps already mined come back as done. An RPC error while settling fails the
 * run before anything is decided. A sent tx is never sent anew: nothing is deployed twice.
 */
export async function resumeJournaled(
  o: ExecOptions,
  journaled: Map<string, StepState>,
  byId: Map<string, Op>,
  addresses: Map<string, string>,
  results: Map<string, OpResult>,
  emit: (e: ExecEvent) => void,
  secrets: string[],
): Promise<Resumed> {
  const addressOf = (id: string) => {
    const a = addresses.get(id);
    // Only when a dependency's nonce went to another tx while this step's tx, built on its predicted address, still waits.
    if (!a) {
      throw new BaseError(`cannot resume: a pending transaction was built on the address of ${id}, which was never deployed`, {
        hint: "Another transaction took that nonce. Wait until the deployer has no pending transactions, then run w3o apply again.",
      });
    }
    return a;
  };
  const inFlight = new Map<string, Flight>();
  const pendingNonces = new Map<string, Set<number>>();
  const unsettled = [...journaled.values()].filter((s) => s.status !== "mined" && s.status !== "verified");
  if (unsettled.length) {
    const settled = await settle(
      o.rpc,
      unsettled
        .filter((s) => s.txs.length)
        .map((s) => ({ step: s.step, from: s.intent.from, nonce: s.intent.nonce, hashes: s.txs.map((t) => t.hash) })),
    );
    const events: JournalEvent[] = [];
    const rebroadcast: TxSignedEvent[] = [];
    for (const st of unsettled.sort((a, b) => a.intent.nonce - b.intent.nonce)) {
      const op = byId.get(st.step)!;
      const last = st.txs.at(-1);
      const s = settled.get(st.step);
      if (!last || s?.kind === "replaced") {
        events.push({
          type: "voided",
          step: st.step,
          reason: s?.kind === "replaced" ? s.reason : "a previous run stopped before signing it",
        });
        journaled.delete(st.step);
        addresses.delete(st.step);
        continue;
      }
      if (s?.kind === "mined") {
        const ev = receiptEvent(st.step, s.receipt);
        events.push(ev);
        st.receipt = ev;
        st.status = "mined";
        continue;
      }
      rebroadcast.push(last);
      const fees = { maxFeePerGas: BigInt(last.maxFeePerGas), maxPriorityFeePerGas: BigInt(last.maxPriorityFeePerGas) };
      inFlight.set(st.step, {
        op,
        built: op.build(addressOf),
        intent: st.intent,
        txs: st.txs,
        fees,
        sentAt: Date.now(),
        gasLimit: BigInt(last.gasLimit),
      });
      const set = pendingNonces.get(st.intent.from.toLowerCase()) ?? new Set<number>();
      set.add(last.nonce);
      pendingNonces.set(st.intent.from.toLowerCase(), set);
    }
    await o.journal.append(...events);
    // The same signed bytes again: a node that still has them says "already known", one that lost them takes them back.
    const sent = await o.rpc.batch(rebroadcast.map((t) => ({ method: "eth_sendRawTransaction", params: [t.raw] })));
    sent.forEach((r, i) => {
      const { outcome, message } = classifySend(r);
      if (outcome !== "accepted" && outcome !== "nonce-too-low") {
        throw new TxFailedError(`cannot rebroadcast ${rebroadcast[i]!.step}: ${redact(message ?? "", secrets)}`);
      }
    });
  }
  for (const st of journaled.values()) {
    if (st.status !== "mined" && st.status !== "verified") continue;
    const address = st.receipt?.contractAddress ?? st.intent.address;
    if (address) addresses.set(st.step, address);
    if (st.receipt?.status === 0) continue;
    results.set(st.step, {
      id: st.step,
      status: "done",
      address,
      txHash: st.receipt?.hash,
      blockNumber: st.receipt?.blockNumber,
      nonce: st.intent.nonce,
      resumed: true,
    });
    emit({ type: "op-done", op: st.step, hash: st.receipt?.hash, address, block: st.receipt?.blockNumber, resumed: true });
  }
  return { inFlight, pendingNonces };
}
