import { getCreateAddress } from "ethers";
import type { CallResult } from "../chains/evm/client.js";
import { redact } from "../errors/index.js";
import { estimateWave, type PendingCode } from "./estimate.js";
import type { IntentEvent, JournalEvent, TxSignedEvent } from "./events.js";
import type { ExecContext } from "./flight.js";
import type { BuiltTx, Op } from "./ops.js";
import { fingerprint } from "./reconcile.js";
import { decodeRevert, revertDataOf } from "./revert.js";
import { classifySend, signTx, TxFailedError } from "./tx.js";

/** An op picked for this wave, with the nonce and address it is predicted to get. */
type Planned = { op: Op; built: BuiltTx; nonce: number; address?: string };
/** A chunk of the wave and what the node said of it: gas limits, and code at CREATE2 targets. */
type Estimated = { chunk: Planned[]; gas: CallResult<bigint>[]; adopted: Set<Planned> };

/**
 * A wave goes out in at most this many chunks. The node estimates chunk k+1 while we journal, sign
 * and broadcast chunk k, so its work and ours overlap instead of adding up; a fixed count keeps the
 * number of round trips independent of how many contracts there are.
 */
const CHUNKS = 4;
const MIN_CHUNK = 8;

/**
 * Lets the request just handed to the HTTP client go out before the next stretch of CPU work: undici
 * writes it over the next event-loop turns, and until then the node has nothing to work on.
 */
const yieldToIo = async () => {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/**
 * Sends every pending op that can go now, pipelined: ops whose dependencies are only addresses go
 * in the same wave as those dependencies (CREATE addresses follow from sender and nonce, and one
 * sender's txs execute in nonce order). Returns how many txs were broadcast.
 */
export async function runWave(x: ExecContext): Promise<number> {
  const room = x.o.maxInFlight - x.inFlight.size;
  if (room <= 0) return 0;
  const size = Math.max(MIN_CHUNK, Math.ceil(Math.min(room, x.pending.length) / CHUNKS));

  // 1. Pick in order, predicting nonces and addresses; each full chunk goes to the node at once (below).
  const tentative = new Map(x.addresses);
  const next = new Map<string, number>();
  const nonceFor = (from: string) => {
    const n = next.get(from.toLowerCase()) ?? x.nonces.peek(from);
    next.set(from.toLowerCase(), n + 1);
    return n;
  };
  const addressOf = (id: string) => tentative.get(id)!;
  // Each CREATE address is needed twice (predicted, then with the real nonce, mostly the same one).
  const created = new Map<string, string>();
  const createAddress = (from: string, nonce: number) => {
    const key = `${from}/${nonce}`;
    const a = created.get(key) ?? getCreateAddress({ from, nonce });
    created.set(key, a);
    return a;
  };
  const pendingCode: PendingCode = new Map();
  for (const f of x.inFlight.values()) {
    if (f.intent.address && f.op.runtimeCode) pendingCode.set(f.op.id, { address: f.intent.address, code: f.op.runtimeCode });
  }
  // 2. In order, as each chunk's estimates come back (while later chunks are still being picked): keep
  // what estimated, hand out the real nonces, journal, sign, broadcast. Chunks signed while a
  // broadcast is in flight go out together when it returns, in nonce order.
  const deferred = new Set<string>();
  const queue: { wave: Planned[]; signed: TxSignedEvent[] }[] = [];
  let pumping: Promise<void> | undefined;
  const pump = async () => {
    while (queue.length) {
      const batch = queue.splice(0);
      await broadcast(
        x,
        batch.flatMap((b) => b.wave),
        batch.flatMap((b) => b.signed),
      );
    }
  };
  let failure: { error: unknown } | undefined;
  let sent = 0;
  // A signal stops the wave between chunks: chunks already journaled still go out (their nonces are
  // taken and their bytes durable), later ones stay pending and are reported as not sent.
  const stopping = () => x.o.signal?.aborted === true;
  const send = async (estimate: Promise<Estimated>) => {
    const got = await estimate;
    if (stopping()) return;
    const wave = decide(x, got, deferred, createAddress);
    // A refused broadcast stops the wave: nothing after it may go out (its nonces would leave a gap).
    if (failure || !wave.length) return;
    queue.push({ wave, signed: await journalAndSign(x, wave) });
    sent += wave.length;
    if (!pumping) {
      pumping = pump()
        .catch((error: unknown) => {
          failure = { error };
          queue.splice(0);
        })
        .finally(() => {
          pumping = undefined;
        });
      await yieldToIo();
    }
  };
  let inOrder: Promise<void> = Promise.resolve();
  let chunk: Planned[] = [];
  let picked = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const estimate = estimateChunk(x, chunk, new Map(pendingCode));
    estimate.catch(() => {}); // awaited in order by send(); this only keeps a failure from being reported as unhandled meanwhile
    inOrder = inOrder.then(() => send(estimate));
    inOrder.catch(() => {});
    chunk = [];
    await yieldToIo();
  };
  for (const op of [...x.pending]) {
    if (picked >= room || stopping()) break;
    if (!op.needs.every((n) => tentative.has(n)) || !op.after.every(x.isDone)) continue;
    const skip = op.skipIf ? await op.skipIf(addressOf) : undefined;
    if (skip) {
      unpend(x, op);
      x.results.set(op.id, { id: op.id, status: "skipped", message: skip });
      x.emit({ type: "op-skipped", op: op.id, reason: skip });
      continue;
    }
    const built = op.build(addressOf);
    const nonce = nonceFor(op.from);
    const address = op.kind === "create" ? createAddress(op.from, nonce) : built.address;
    if (address) {
      tentative.set(op.id, address);
      if (op.runtimeCode) pendingCode.set(op.id, { address, code: op.runtimeCode });
    }
    chunk.push({ op, built, nonce, address });
    picked++;
    if (chunk.length >= size) await flush();
  }
  await flush();
  await inOrder;
  while (pumping) await pumping;
  if (failure) throw failure.error;
  return sent;
}

/** Takes an op off the pending list (indexOf -1 must not become splice(-1): that would drop the last op). */
function unpend(x: ExecContext, op: Op): void {
  const i = x.pending.indexOf(op);
  if (i >= 0) x.pending.splice(i, 1);
}

/** Gas estimates for a chunk, and (in parallel) whether its CREATE2 targets already hold code. */
async function estimateChunk(x: ExecContext, chunk: Planned[], pendingCode: PendingCode): Promise<Estimated> {
  const c2 = chunk.filter((p) => p.op.kind === "create2" && p.address);
  const [gas, codes] = await Promise.all([
    estimateWave(
      x.o.rpc,
      chunk.map((p) => ({ op: p.op, to: p.built.to, data: p.built.data, nonce: p.nonce })),
      pendingCode,
      x.isDone,
    ),
    x.o.rpc.batch<string>(c2.map((p) => ({ method: "eth_getCode", params: [p.address, "latest"] }))),
  ]);
  return { chunk, gas, adopted: new Set(c2.filter((_, i) => codes[i]?.ok && codes[i].result !== "0x")) };
}

/**
 * What of an estimated chunk goes now. A CREATE2 target that already holds code was deployed before
 * (same salt, same init code): adopted. A dependent whose estimate failed while a dependency is
 * unmined waits for the next wave, with its own dependents. A failure with nothing pending is a revert.
 */
function decide(
  x: ExecContext,
  { chunk, gas, adopted }: Estimated,
  deferred: Set<string>,
  createAddress: (from: string, nonce: number) => string,
): (Planned & { gasLimit: bigint })[] {
  const keep: (Planned & { gasLimit: bigint })[] = [];
  chunk.forEach((p, i) => {
    const r = gas[i]!;
    if (adopted.has(p)) {
      x.results.set(p.op.id, { id: p.op.id, status: "done", address: p.address, message: "already deployed at its CREATE2 address" });
      x.addresses.set(p.op.id, p.address!);
      unpend(x, p.op);
      x.emit({ type: "op-done", op: p.op.id, address: p.address, resumed: true });
      return;
    }
    if (p.op.needs.some((n) => deferred.has(n))) {
      deferred.add(p.op.id);
      return;
    }
    if (r.ok) {
      keep.push({ ...p, gasLimit: r.result });
      return;
    }
    deferred.add(p.op.id);
    if (p.op.needs.some((n) => !x.isDone(n))) return;
    const message = `would revert: ${decodeRevert(revertDataOf(r.error), p.op.abis)} (${r.error.message})`;
    x.results.set(p.op.id, { id: p.op.id, status: "failed", message });
    unpend(x, p.op);
    x.emit({ type: "op-failed", op: p.op.id, message });
  });
  // The real nonces, in order, so that an op left out leaves no gap; dependents rebuilt on the real addresses.
  return keep.map((p) => {
    const nonce = x.nonces.take(p.op.from);
    const built = p.op.build((id) => x.addresses.get(id)!);
    const address = p.op.kind === "create" ? createAddress(p.op.from, nonce) : built.address;
    if (address) x.addresses.set(p.op.id, address);
    return { ...p, nonce, built, address };
  });
}

/**
 * Journals each op's intent together with its signed tx, in one transaction, before anything is
 * broadcast: signing is no side effect, so they need no separate commit, and the raw tx being
 * durable first is what lets a resumed apply rebroadcast the same bytes instead of signing anew.
 */
async function journalAndSign(x: ExecContext, wave: (Planned & { gasLimit: bigint })[]): Promise<TxSignedEvent[]> {
  const intents: IntentEvent[] = [];
  const signed: TxSignedEvent[] = [];
  for (const p of wave) {
    intents.push({
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
    });
    const signer = await x.o.signers.get(p.op.from);
    const tx = { to: p.built.to, data: p.built.data, nonce: p.nonce, gasLimit: p.gasLimit };
    signed.push(await signTx(signer, x.o.chainId, p.op.id, tx, x.fees));
  }
  await x.o.journal.append(...intents.flatMap((intent, i) => [intent, signed[i]!]));
  for (const i of intents) x.emit({ type: "op-start", op: i.step, summary: i.summary, nonce: i.nonce, address: i.address });
  const now = Date.now();
  wave.forEach((p, i) => {
    x.inFlight.set(p.op.id, {
      op: p.op,
      built: p.built,
      intent: intents[i]!,
      txs: [signed[i]!],
      fees: x.fees,
      sentAt: now,
      gasLimit: p.gasLimit,
    });
    unpend(x, p.op);
  });
  return signed;
}

/** Broadcasts signed txs in one batch and journals which the node accepted. */
async function broadcast(x: ExecContext, wave: Planned[], signed: TxSignedEvent[]): Promise<void> {
  const res = await x.o.rpc.batch(signed.map((t) => ({ method: "eth_sendRawTransaction", params: [t.raw] })));
  const outcomes = res.map(classifySend);
  // "nonce too low" for a tx of ours: the answer to a first send was lost and the client sent it again after
  // the node had taken it (on a devnet, mined it). The node knowing our hash tells that from a foreign tx.
  const tooLow = outcomes.flatMap((c, i) => (c.outcome === "nonce-too-low" ? [i] : []));
  const lookups = await x.o.rpc.batch(tooLow.map((i) => ({ method: "eth_getTransactionByHash", params: [signed[i]!.hash] })));
  const ours = new Set(tooLow.filter((_, k) => lookups[k]?.ok && lookups[k].result !== null));
  const accepted: JournalEvent[] = [];
  let refused: TxFailedError | undefined;
  const now = Date.now();
  outcomes.forEach(({ outcome, message }, i) => {
    const p = wave[i]!;
    const t = signed[i]!;
    if (outcome === "accepted" || ours.has(i)) {
      accepted.push({ type: "tx-sent", step: p.op.id, hash: t.hash });
      x.inFlight.get(p.op.id)!.sentAt = now;
      x.emit({ type: "op-sent", op: p.op.id, hash: t.hash, nonce: t.nonce });
      return;
    }
    refused ??= new TxFailedError(`the node refused ${p.op.id} (nonce ${t.nonce}): ${redact(message ?? outcome, x.secrets)}`, {
      hint: refusalHint(outcome, message ?? "", p.op.from),
    });
  });
  // What the node took is journaled as sent even when a later tx of the batch was refused.
  await x.o.journal.append(...accepted);
  if (refused) throw refused;
}

/** A hint only where it fits what the node said: a balance hint for a fee problem sends the user astray. */
function refusalHint(outcome: string, message: string, from: string): string {
  // A fresh nonce refused as "too low" or "underpriced" means another tx holds it: not ours to replace.
  if (outcome !== "error") return "Another transaction from this account uses the same nonce. Wait for it, then apply again.";
  if (/insufficient funds/i.test(message)) return `Fund ${from}, then apply again: the journal resumes.`;
  if (/fee|gas/i.test(message)) return "Check the network's gas settings (networks.<name>.gas), then apply again: the journal resumes.";
  return "Fix what the node says, then apply again: the journal resumes.";
}
