import { BaseError, redact } from "../errors/index.js";
import type { JournalEvent, TxSignedEvent } from "./events.js";
import type { ExecEvent, ExecOptions, Flight } from "./flight.js";
import type { StepState } from "./journal.js";
import type { Op, OpResult } from "./ops.js";
import { type RawReceipt, receiptEvent } from "./receipts.js";
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
 * one never signed or whose nonce another tx took is voided so that the step starts over. Steps
 * already mined come back as done. A sent tx is never sent anew: nothing is deployed twice.
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
    if (!a) throw new BaseError(`internal: address of ${id} is not known yet`);
    return a;
  };
  const inFlight = new Map<string, Flight>();
  const pendingNonces = new Map<string, Set<number>>();
  const unsettled = [...journaled.values()].filter((s) => s.status !== "mined" && s.status !== "verified");
  if (unsettled.length) {
    const hashes = unsettled.flatMap((s) => s.txs.map((t) => t.hash));
    const receipts = await o.rpc.batch<RawReceipt | null>(hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })));
    const mined = new Map<string, RawReceipt>();
    hashes.forEach((h, i) => {
      const r = receipts[i];
      if (r?.ok && r.result) mined.set(h, r.result);
    });
    const senders = [...new Set(unsettled.map((s) => s.intent.from.toLowerCase()))];
    const latest = await o.rpc.batch<string>(senders.map((a) => ({ method: "eth_getTransactionCount", params: [a, "latest"] })));
    const latestOf = new Map(senders.map((a, i) => [a, latest[i]?.ok ? Number(BigInt(latest[i].result)) : 0]));
    const events: JournalEvent[] = [];
    const rebroadcast: TxSignedEvent[] = [];
    for (const st of unsettled.sort((a, b) => a.intent.nonce - b.intent.nonce)) {
      const op = byId.get(st.step)!;
      const hit = st.txs.find((t) => mined.has(t.hash));
      if (hit) {
        const ev = receiptEvent(st.step, mined.get(hit.hash)!);
        events.push(ev);
        st.receipt = ev;
        st.status = "mined";
        continue;
      }
      const last = st.txs.at(-1);
      if (!last) {
        events.push({ type: "voided", step: st.step, reason: "a previous run stopped before signing it" });
        journaled.delete(st.step);
        addresses.delete(st.step);
        continue;
      }
      if (last.nonce < (latestOf.get(st.intent.from.toLowerCase()) ?? 0)) {
        events.push({ type: "voided", step: st.step, reason: `nonce ${last.nonce} was used by another transaction` });
        journaled.delete(st.step);
        addresses.delete(st.step);
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
