import { getAddress, getCreateAddress } from "ethers";
import { BaseError, redact } from "../errors/index.js";
import type { Signer } from "../signers/index.js";
import { estimateWave, type PendingCode } from "./estimate.js";
import type { IntentEvent, JournalEvent, ReceiptEvent, TxSignedEvent } from "./events.js";
import { bumpFees, type Fees, type GasPolicy, initialFees } from "./fees.js";
import { type Journal, reduceJournal, type StepState } from "./journal.js";
import { NonceManager } from "./nonces.js";
import type { BuiltTx, Op, OpResult } from "./ops.js";
import { differingParts, fingerprint, type Mismatch, ReconcileError } from "./reconcile.js";
import { decodeRevert, revertDataOf } from "./revert.js";
import type { Rpc } from "./rpc.js";
import { classifySend, signTx } from "./tx.js";

export class TxFailedError extends BaseError {
  override name = "TxFailedError";
}

export type ExecEvent =
  | { type: "op-start"; op: string; summary: string; nonce: number; address?: string }
  | { type: "op-sent"; op: string; hash: string; nonce: number }
  | { type: "op-replaced"; op: string; hash: string; maxFeePerGas: string }
  | { type: "op-done"; op: string; hash?: string; address?: string; block?: number; resumed?: boolean }
  | { type: "op-skipped"; op: string; reason: string }
  | { type: "op-failed"; op: string; message: string; hash?: string };

export type ExecOptions = {
  rpc: Rpc;
  journal: Journal;
  chainId: number;
  signers: Map<string, Signer>;
  gas: GasPolicy;
  /** Bound on txs sent and not yet mined, over all senders. */
  maxInFlight: number;
  /** Blocks a receipt must be under before its step counts as done. */
  confirmations: number;
  pollMs: number;
  onEvent?: (e: ExecEvent) => void;
};

type Flight = { op: Op; built: BuiltTx; intent: IntentEvent; txs: TxSignedEvent[]; fees: Fees; sentAt: number; gasLimit: bigint };

const GAS_MARGIN = (g: bigint) => (g * 125n) / 100n + 10_000n;

/**
 * Runs ops to completion: resumes what the journal left in flight, then sends the rest in waves,
 * pipelined under managed nonces. A dependent op whose inputs are only addresses goes out in the
 * same wave as its dependency (CREATE addresses follow from sender + nonce, and one sender's txs
 * execute in nonce order), so a whole dependency chain costs one round trip, not one per contract.
 */
export async function execute(ops: Op[], o: ExecOptions): Promise<Map<string, OpResult>> {
  const emit = o.onEvent ?? (() => {});
  const secrets = [...o.signers.values()].flatMap((s) => s.secrets);
  const state = reduceJournal(await o.journal.load());
  const byId = new Map(ops.map((op) => [op.id, op]));
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

  // 3. Nonces: synced with the chain, refusing pending txs that are not ours.
  const senders = [...new Set(ops.map((op) => op.from.toLowerCase()))];
  const nonces = await NonceManager.sync(o.rpc, senders, pendingNonces);
  let fees = await initialFees(o.rpc, o.gas);

  const pending = ops.filter((op) => !results.has(op.id) && !inFlight.has(op.id));
  const failed = (id: string) => results.get(id)?.status === "failed" || results.get(id)?.status === "blocked";
  const isDone = (id: string) => results.get(id)?.status === "done" || results.get(id)?.status === "skipped";

  while (pending.length || inFlight.size) {
    // Blocked: a dependency failed, so this op cannot be built or would deploy against nothing.
    for (let i = pending.length - 1; i >= 0; i--) {
      const op = pending[i]!;
      const bad = [...op.needs, ...op.after].find(failed);
      if (bad) {
        pending.splice(i, 1);
        results.set(op.id, { id: op.id, status: "blocked", message: `not sent: ${bad} failed` });
        emit({ type: "op-failed", op: op.id, message: `not sent: ${bad} failed` });
      }
    }

    const wave = await nextWave(pending, inFlight, results, addresses, nonces, o, isDone);
    if (wave.length) {
      fees = await sendWave(wave, fees, o, inFlight, emit, secrets);
      for (const w of wave) pending.splice(pending.indexOf(w.op), 1);
    }
    if (!inFlight.size) {
      if (pending.length && !wave.length) {
        // Nothing in flight and nothing ready: what is left waits on something that will never come.
        for (const op of pending.splice(0)) {
          results.set(op.id, { id: op.id, status: "blocked", message: "its dependencies did not complete" });
        }
      }
      continue;
    }
    const progressed = await pollReceipts(inFlight, o, results, emit);
    if (!progressed) {
      await replaceStuck(inFlight, o, emit, secrets);
      await sleep(o.pollMs);
    }
  }
  return results;
}

type Planned = { op: Op; built: BuiltTx; nonce: number; address?: string; gasLimit?: bigint };

/** Picks the ops that can go now, in order, predicting addresses as nonces are handed out. */
async function nextWave(
  pending: Op[],
  inFlight: Map<string, Flight>,
  results: Map<string, OpResult>,
  addresses: Map<string, string>,
  nonces: NonceManager,
  o: ExecOptions,
  isDone: (id: string) => boolean,
): Promise<Planned[]> {
  const room = o.maxInFlight - inFlight.size;
  if (room <= 0) return [];
  const tentative = new Map(addresses);
  const next = new Map<string, number>();
  const nonceFor = (from: string) => {
    const k = from.toLowerCase();
    const n = next.get(k) ?? nonces.peek(from);
    next.set(k, n + 1);
    return n;
  };
  const addressOf = (id: string) => tentative.get(id)!;
  const picked: Planned[] = [];
  for (const op of [...pending]) {
    if (picked.length >= room) break;
    if (!op.needs.every((n) => tentative.has(n)) || !op.after.every(isDone)) continue;
    const skip = op.skipIf ? await op.skipIf(addressOf) : undefined;
    if (skip) {
      pending.splice(pending.indexOf(op), 1);
      results.set(op.id, { id: op.id, status: "skipped", message: skip });
      o.onEvent?.({ type: "op-skipped", op: op.id, reason: skip });
      continue;
    }
    const built = op.build(addressOf);
    const nonce = nonceFor(op.from);
    const address = op.kind === "create" ? getCreateAddress({ from: op.from, nonce }) : built.address;
    if (address) tentative.set(op.id, address);
    picked.push({ op, built, nonce, address });
  }
  if (!picked.length) return [];

  // CREATE2 targets that already hold code were deployed before (same salt, same init code): adopt them.
  const c2 = picked.filter((p) => p.op.kind === "create2" && p.address);
  if (c2.length) {
    const codes = await o.rpc.batch<string>(c2.map((p) => ({ method: "eth_getCode", params: [p.address, "latest"] })));
    c2.forEach((p, i) => {
      const r = codes[i];
      if (r?.ok && r.result !== "0x") {
        results.set(p.op.id, { id: p.op.id, status: "done", address: p.address, message: "already deployed at its CREATE2 address" });
        addresses.set(p.op.id, p.address!);
        pending.splice(pending.indexOf(p.op), 1);
        o.onEvent?.({ type: "op-done", op: p.op.id, address: p.address, resumed: true });
      }
    });
  }
  const live = picked.filter((p) => !results.has(p.op.id));

  // One batch estimates the whole wave; a dependent whose dependency is in this wave (or still in
  // flight) is estimated with that dependency's code put where it will be.
  const pendingCode: PendingCode = new Map();
  for (const p of picked) if (p.address && p.op.runtimeCode) pendingCode.set(p.op.id, { address: p.address, code: p.op.runtimeCode });
  for (const f of inFlight.values()) {
    if (f.intent.address && f.op.runtimeCode) pendingCode.set(f.op.id, { address: f.intent.address, code: f.op.runtimeCode });
  }
  const est = await estimateWave(
    o.rpc,
    live.map((p) => ({ op: p.op, to: p.built.to, data: p.built.data, nonce: p.nonce })),
    pendingCode,
    isDone,
  );
  const deferred = new Set<string>();
  const keep: Planned[] = [];
  live.forEach((p, i) => {
    const r = est[i]!;
    const speculative = [...p.op.needs].some((n) => !isDone(n));
    if (deferred.has(p.op.id) || p.op.needs.some((n) => deferred.has(n))) {
      deferred.add(p.op.id);
      return;
    }
    if (r.ok) {
      keep.push({ ...p, gasLimit: GAS_MARGIN(BigInt(r.result)) });
      return;
    }
    if (speculative) {
      deferred.add(p.op.id);
      return;
    }
    const message = `would revert: ${decodeRevert(revertDataOf(r.error), p.op.abis)} (${r.error.message})`;
    results.set(p.op.id, { id: p.op.id, status: "failed", message });
    pending.splice(pending.indexOf(p.op), 1);
    o.onEvent?.({ type: "op-failed", op: p.op.id, message });
    deferred.add(p.op.id);
  });
  // Hand out the real nonces now, in order, so that dropped ops leave no gap.
  return keep
    .filter((p) => !p.op.needs.some((n) => deferred.has(n)))
    .map((p) => {
      const nonce = nonces.take(p.op.from);
      const built = p.op.build((id) => addresses.get(id)!);
      const address = p.op.kind === "create" ? getCreateAddress({ from: p.op.from, nonce }) : built.address;
      if (address) addresses.set(p.op.id, address);
      return { ...p, nonce, built, address };
    });
}

/** Journals intents, signs, journals the signed txs, broadcasts them in one batch, journals acceptance. */
async function sendWave(
  wave: Planned[],
  fees: Fees,
  o: ExecOptions,
  inFlight: Map<string, Flight>,
  emit: (e: ExecEvent) => void,
  secrets: string[],
): Promise<Fees> {
  const intents: IntentEvent[] = wave.map((p) => ({
    type: "intent",
    step: p.op.id,
    kind: p.op.kind,
    fingerprint: fingerprint(p.op, p.built),
    from: p.op.from,
    nonce: p.nonce,
    address: p.address,
    to: p.built.to,
    summary: p.op.summary,
    parts: { ...p.built.parts, sender: p.op.from.toLowerCase(), target: p.built.to?.toLowerCase() ?? "(create)" },
  }));
  await o.journal.append(...intents);
  for (const i of intents) emit({ type: "op-start", op: i.step, summary: i.summary, nonce: i.nonce, address: i.address });

  const signed: TxSignedEvent[] = [];
  for (const p of wave) {
    const signer = o.signers.get(p.op.from.toLowerCase());
    if (!signer) throw new BaseError(`no signer for ${p.op.from}`);
    signed.push(
      await signTx(signer, o.chainId, p.op.id, { to: p.built.to, data: p.built.data, nonce: p.nonce, gasLimit: p.gasLimit! }, fees),
    );
  }
  await o.journal.append(...signed);

  const res = await o.rpc.batch(signed.map((t) => ({ method: "eth_sendRawTransaction", params: [t.raw] })));
  const accepted: JournalEvent[] = [];
  const now = Date.now();
  res.forEach((r, i) => {
    const p = wave[i]!;
    const t = signed[i]!;
    const { outcome, message } = classifySend(r);
    if (outcome === "accepted") {
      accepted.push({ type: "tx-sent", step: p.op.id, hash: t.hash });
      inFlight.set(p.op.id, { op: p.op, built: p.built, intent: intents[i]!, txs: [t], fees, sentAt: now, gasLimit: p.gasLimit! });
      emit({ type: "op-sent", op: p.op.id, hash: t.hash, nonce: t.nonce });
      return;
    }
    // A fresh nonce refused as "too low" or "underpriced" means another tx holds it: not ours to replace.
    throw new TxFailedError(`the node refused ${p.op.id} (nonce ${t.nonce}): ${redact(message ?? outcome, secrets)}`, {
      hint:
        outcome === "error"
          ? "Check the deployer's balance and the network's gas settings, then apply again: the journal resumes."
          : "Another transaction from this account uses the same nonce. Wait for it, then apply again.",
    });
  });
  await o.journal.append(...accepted);
  return fees;
}

type RawReceipt = { transactionHash: string; blockNumber: string; status: string; gasUsed: string; contractAddress?: string | null };

function receiptEvent(step: string, r: RawReceipt): ReceiptEvent {
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
async function pollReceipts(
  inFlight: Map<string, Flight>,
  o: ExecOptions,
  results: Map<string, OpResult>,
  emit: (e: ExecEvent) => void,
): Promise<boolean> {
  const flights = [...inFlight.values()];
  const hashes = flights.flatMap((f) => f.txs.map((t) => ({ f, hash: t.hash })));
  const calls = hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h.hash] }));
  if (o.confirmations > 1) calls.push({ method: "eth_blockNumber", params: [] });
  const res = await o.rpc.batch<RawReceipt | null>(calls);
  const head = o.confirmations > 1 ? Number(BigInt((res.at(-1) as unknown as { result: string }).result)) : Number.POSITIVE_INFINITY;
  const events: JournalEvent[] = [];
  const reverted: { f: Flight; r: RawReceipt }[] = [];
  hashes.forEach(({ f, hash }, i) => {
    const r = res[i];
    if (!r?.ok || !r.result || !inFlight.has(f.op.id)) return;
    if (head - Number(BigInt(r.result.blockNumber)) + 1 < o.confirmations) return;
    const ev = receiptEvent(f.op.id, r.result);
    events.push(ev);
    inFlight.delete(f.op.id);
    if (ev.status === 1) {
      const address = ev.contractAddress ?? f.intent.address;
      results.set(f.op.id, { id: f.op.id, status: "done", address, txHash: hash, blockNumber: ev.blockNumber, nonce: f.intent.nonce });
      emit({ type: "op-done", op: f.op.id, hash, address, block: ev.blockNumber });
    } else reverted.push({ f, r: r.result });
  });
  for (const { f, r } of reverted) {
    // Replay the tx at its block to get the revert data the receipt does not carry.
    const replay = await o.rpc.batch([
      {
        method: "eth_call",
        params: [{ from: f.op.from, to: f.built.to, data: f.built.data, gas: `0x${f.gasLimit.toString(16)}` }, r.blockNumber],
      },
    ]);
    const data = replay[0] && !replay[0].ok ? revertDataOf(replay[0].error) : undefined;
    const outOfGas = BigInt(r.gasUsed) >= f.gasLimit;
    const reason = outOfGas && !data ? "out of gas" : decodeRevert(data, f.op.abis);
    const message = `reverted in tx ${r.transactionHash}: ${reason}`;
    events.push({ type: "failed", step: f.op.id, message, hash: r.transactionHash });
    results.set(f.op.id, { id: f.op.id, status: "failed", message, txHash: r.transactionHash });
    emit({ type: "op-failed", op: f.op.id, message, hash: r.transactionHash });
  }
  await o.journal.append(...events);
  return events.length > 0;
}

/** Replaces txs pending longer than `stuckAfter` with the same tx at higher fees (same nonce). */
async function replaceStuck(inFlight: Map<string, Flight>, o: ExecOptions, emit: (e: ExecEvent) => void, secrets: string[]): Promise<void> {
  const now = Date.now();
  for (const f of inFlight.values()) {
    if (now - f.sentAt < o.gas.stuckAfterMs) continue;
    let next = bumpFees(f.fees, o.gas.bumpPercent, o.gas.maxFeeGwei);
    // Up to 3 tries: "underpriced" means the node wants a bigger bump than ours; bump again.
    for (let attempt = 0; next && attempt < 3; attempt++) {
      const signer = o.signers.get(f.op.from.toLowerCase())!;
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
      // The original was mined meanwhile: the next receipt poll finds it.
      if (outcome === "nonce-too-low") break;
      if (outcome === "error") throw new TxFailedError(`cannot replace ${f.op.id}: ${redact(message ?? "", secrets)}`);
      next = bumpFees(next, o.gas.bumpPercent, o.gas.maxFeeGwei);
    }
    // At the cap the tx keeps waiting at its current fees: w3o never pays above maxFeeGwei.
    f.sentAt = now;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
