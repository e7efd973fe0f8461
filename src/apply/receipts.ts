import { getAddress } from "ethers";
import { redact } from "../errors/index.js";
import type { JournalEvent, ReceiptEvent } from "./events.js";
import { bumpFees } from "./fees.js";
import type { ExecContext, Flight } from "./flight.js";
import { decodeRevert, revertDataOf } from "./revert.js";
import { type RawReceipt, settle } from "./settle.js";
import { classifySend, signTx, TxFailedError } from "./tx.js";
import { reportWaits } from "./waits.js";

export function receiptEvent(step: string, r: RawReceipt): ReceiptEvent {
  return {
    type: "receipt",
    step,
    hash: r.transactionHash,
    blockNumber: Number(BigInt(r.blockNumber)),
    status: BigInt(r.status) === 1n ? 1 : 0,
    gasUsed: BigInt(r.gasUsed).toString(),
    contractAddress: r.contractAddress ? getAddress(r.contractAddress) : undefined,
  };
}

/** One batch for every hash in flight (replacements included); returns whether anything settled. */
export async function pollReceipts(x: ExecContext): Promise<boolean> {
  const { o, inFlight, results, emit } = x;
  const flights = [...inFlight.values()];
  const hashes = flights.flatMap((f) => f.txs.map((t) => ({ f, hash: t.hash })));
  const calls = hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h.hash] }));
  if (o.confirmations > 1) calls.push({ method: "eth_blockNumber", params: [] });
  const res = await o.rpc.batch<RawReceipt | null>(calls);
  const tip = o.confirmations > 1 ? res.at(-1) : undefined;
  // Without a head there is no telling how deep a receipt is: nothing counts as confirmed this round.
  const head = o.confirmations <= 1 ? Number.POSITIVE_INFINITY : tip?.ok ? Number(BigInt(tip.result as unknown as string)) : 0;
  const events: JournalEvent[] = [];
  const reverted: { f: Flight; r: RawReceipt }[] = [];
  // How deep each op still in flight is, for what apply says it waits for (waits.ts).
  const depth = new Map<string, { confirmations: number; hash: string }>();
  // Per flight: whether every one of its hashes was answered "no receipt".
  const unmined = new Map<Flight, boolean>();
  hashes.forEach(({ f, hash }, i) => {
    const r = res[i];
    unmined.set(f, (unmined.get(f) ?? true) && r?.ok === true && r.result === null);
    if (!r?.ok || !r.result || !inFlight.has(f.op.id)) return;
    f.mined = true;
    const deep = head - Number(BigInt(r.result.blockNumber)) + 1;
    if (deep < o.confirmations) {
      if (deep > (depth.get(f.op.id)?.confirmations ?? -1)) depth.set(f.op.id, { confirmations: Math.max(0, deep), hash });
      return;
    }
    const ev = receiptEvent(f.op.id, r.result);
    events.push(ev);
    inFlight.delete(f.op.id);
    if (ev.status === 1) {
      const address = ev.contractAddress ?? f.intent.address;
      const done = { txHash: hash, blockNumber: ev.blockNumber, nonce: f.intent.nonce, encodedArgs: f.built.encodedArgs };
      results.set(f.op.id, { id: f.op.id, status: "done", address, ...done });
      emit({ type: "op-done", op: f.op.id, hash, address, block: ev.blockNumber });
    } else reverted.push({ f, r: r.result });
  });
  // Every hash answered "no receipt": a reorg took it out of its block, it may be stuck again.
  for (const [f, none] of unmined) if (none) f.mined = false;
  // Replay each reverted tx at its block, all in one batch, for the revert data receipts do not carry.
  const replays = await o.rpc.batch(
    reverted.map(({ f, r }) => ({
      method: "eth_call",
      params: [{ from: f.op.from, to: f.built.to, data: f.built.data, gas: `0x${f.gasLimit.toString(16)}` }, r.blockNumber],
    })),
  );
  for (const [i, { f, r }] of reverted.entries()) {
    const replay = replays[i];
    const data = replay && !replay.ok ? revertDataOf(replay.error) : undefined;
    const outOfGas = BigInt(r.gasUsed) >= f.gasLimit;
    const reason = outOfGas && !data ? "out of gas" : decodeRevert(data, f.op.abis);
    const message = `reverted in tx ${r.transactionHash}: ${reason}`;
    events.push({ type: "failed", step: f.op.id, message, hash: r.transactionHash });
    results.set(f.op.id, { id: f.op.id, status: "failed", message, txHash: r.transactionHash });
    emit({ type: "op-failed", op: f.op.id, message, hash: r.transactionHash });
  }
  await o.journal.append(...events);
  reportWaits(x, depth, events.length > 0);
  return events.length > 0;
}

/**
 * Replaces txs pending longer than `stuckAfter` (every tx in flight with `all`) with the same tx at
 * higher fees (same nonce).
 */
export async function replaceStuck({ o, inFlight, results, emit, secrets }: ExecContext, { all = false } = {}): Promise<void> {
  const now = Date.now();
  for (const f of inFlight.values()) {
    // Mined and waiting for confirmations: a replacement could only be refused (nonce too low), after being journaled.
    if (f.mined) continue;
    if (!all && now - f.sentAt < o.gas.stuckAfterMs) continue;
    let next = bumpFees(f.fees, o.gas.bumpPercent, o.gas.maxFeeGwei);
    // Up to 3 tries: "underpriced" means the node wants a bigger bump than ours; bump again.
    for (let attempt = 0; next && attempt < 3; attempt++) {
      const signer = await o.signers.get(f.op.from);
      const t = await signTx(
        signer,
        o.chainId,
        f.op.id,
        { to: f.built.to, data: f.built.data, nonce: f.intent.nonce, gasLimit: f.gasLimit },
        next,
      );
      await o.journal.append(t);
      f.txs.push(t);
      const [r] = await o.rpc.batch([{ method: "eth_sendRawTransaction", params: [t.raw] }]);
      const { outcome, message } = classifySend(r!);
      if (outcome === "accepted") {
        await o.journal.append({ type: "tx-sent", step: f.op.id, hash: t.hash });
        f.fees = next;
        emit({ type: "op-replaced", op: f.op.id, hash: t.hash, maxFeePerGas: next.maxFeePerGas.toString() });
        break;
      }
      if (outcome === "nonce-too-low") {
        // Mostly the original was mined meanwhile (the next receipt poll finds it); the chain says whether another tx took the nonce.
        const hashes = f.txs.map((t) => t.hash);
        const s = (await settle(o.rpc, [{ step: f.op.id, from: f.op.from, nonce: f.intent.nonce, hashes }])).get(f.op.id);
        if (s?.kind === "replaced") {
          await o.journal.append({ type: "failed", step: f.op.id, message: s.reason });
          inFlight.delete(f.op.id);
          results.set(f.op.id, { id: f.op.id, status: "failed", message: s.reason });
          emit({ type: "op-failed", op: f.op.id, message: s.reason });
        }
        break;
      }
      if (outcome === "error") throw new TxFailedError(`cannot replace ${f.op.id}: ${redact(message ?? "", secrets)}`);
      next = bumpFees(next, o.gas.bumpPercent, o.gas.maxFeeGwei);
    }
    // At the cap the tx keeps waiting at its current fees: w3o never pays above maxFeeGwei.
    f.sentAt = now;
  }
}

/**
 * A devnet whose pool holds nothing ready to mine while our txs wait: they will never be mined as
 * they are. anvil's automine can leave them queued behind a nonce it forgot to promote
 * (foundry-rs/foundry#10122), and a node may drop them; replacing what is in flight gets it going again.
 */
export async function poolWedged(o: ExecContext["o"]): Promise<boolean> {
  const [r] = await o.rpc.batch<{ pending: string }>([{ method: "txpool_status", params: [] }]);
  return Boolean(r?.ok && BigInt(r.result.pending) === 0n);
}
