import { formatUnits } from "ethers";
import { bumpFees } from "./fees.js";
import type { ExecContext, Flight } from "./flight.js";
import type { WaitEvent } from "./progressEvents.js";

/**
 * The hash the node took last: a replacement is journaled before it is sent, and one the node refused
 * (underpriced, nonce too low) is not what we wait for. Accepted fees are the flight's fees.
 */
const current = (f: Flight) => ([...f.txs].reverse().find((t) => t.maxFeePerGas === f.fees.maxFeePerGas.toString()) ?? f.txs.at(-1)!).hash;

const gweiText = (wei: bigint) => formatUnits(wei, "gwei");

/**
 * Says what a receipt poll leaves apply waiting for (progressEvents.ts): `waiting` when the poll
 * settled nothing and the picture (what is in flight, how deep) changed since it was last said, and
 * `tx-stuck` once per hash pending for half its `stuckAfter`, with when and how it will be bumped.
 * `depth` holds the in-flight ops that have a receipt: its hash and how deep it is.
 */
export function reportWaits(
  x: ExecContext,
  depth: Map<string, { confirmations: number; hash: string }>,
  settledAny: boolean,
  now = Date.now(),
): void {
  const { o, inFlight, waits, emit } = x;
  const events: WaitEvent[] = [];
  if (!settledAny && inFlight.size) {
    const txs = [...inFlight.values()].map((f) => ({
      op: f.op.id,
      hash: depth.get(f.op.id)?.hash ?? current(f),
      nonce: f.intent.nonce,
      confirmations: depth.get(f.op.id)?.confirmations ?? 0,
    }));
    const required = Math.max(1, o.confirmations);
    const key = JSON.stringify([required, txs]);
    if (key !== waits.last) {
      waits.last = key;
      events.push({ type: "waiting", required, txs });
    }
  }
  for (const f of inFlight.values()) {
    const hash = current(f);
    if (depth.has(f.op.id) || waits.stuck.has(hash) || now - f.sentAt < o.gas.stuckAfterMs / 2) continue;
    waits.stuck.add(hash);
    const next = bumpFees(f.fees, o.gas.bumpPercent, o.gas.maxFeeGwei);
    events.push({
      type: "tx-stuck",
      op: f.op.id,
      hash,
      nonce: f.intent.nonce,
      since: new Date(f.sentAt).toISOString(),
      feeGwei: gweiText(f.fees.maxFeePerGas),
      ...(next
        ? { bumpAt: new Date(f.sentAt + o.gas.stuckAfterMs).toISOString(), bumpToGwei: gweiText(next.maxFeePerGas), capped: false }
        : { capped: true }),
      ...(o.gas.maxFeeGwei !== undefined ? { maxFeeGwei: o.gas.maxFeeGwei } : {}),
    });
  }
  for (const e of events) emit(e);
}
