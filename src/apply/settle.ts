import type { CallResult, Rpc } from "../chains/evm/client.js";
import { RpcError } from "../chains/evm/rpc.js";

/** A transaction receipt as the node sends it (hex quantities). */
export type RawReceipt = { transactionHash: string; blockNumber: string; status: string; gasUsed: string; contractAddress?: string | null };

/** A step's transactions as sent: the first and its fee-bumped replacements share one nonce. */
export type Sent = { step: string; from: string; nonce: number; hashes: string[] };

/**
 * What the chain says of sent transactions:
 *   mined    — one of them has a receipt;
 *   pending  — none is mined, and the nonce is still free, or one of them is still known to the node;
 *   replaced — the sender's nonce has passed theirs and the node, asked again, knows none of them:
 *              the nonce went to a different transaction, so this step will never land as sent.
 */
export type Settlement = { kind: "mined"; receipt: RawReceipt; hash: string } | { kind: "pending" } | { kind: "replaced"; reason: string };

/**
 * Settles sent transactions from what the chain answers, never from what it failed to answer. A
 * step is declared replaced (and may then be sent anew) only on proof: its nonce is below the
 * sender's mined nonce count, and a second look — receipts and transaction lookups, all answered
 * without error — finds none of its hashes. Any error on the way (after the RPC client's own
 * retries) throws: settling is retried by the next run, never guessed. Treating a failed receipt
 * lookup as "not mined" is what once voided 30 mined deploys and sent them again.
 *
 * Two batches at most, whatever the number of steps: receipts and nonces, then the second look
 * for the few candidates.
 */
export async function settle(rpc: Rpc, sent: Sent[]): Promise<Map<string, Settlement>> {
  const out = new Map<string, Settlement>();
  if (!sent.length) return out;
  const hashes = sent.flatMap((s) => s.hashes);
  const senders = [...new Set(sent.map((s) => s.from.toLowerCase()))];
  const first = await rpc.batch<unknown>([
    ...hashes.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
    ...senders.map((a) => ({ method: "eth_getTransactionCount", params: [a, "latest"] })),
  ]);
  const receipts = new Map(hashes.map((h, i) => [h, answer<RawReceipt | null>(first[i], "eth_getTransactionReceipt", h)]));
  const latest = new Map(
    senders.map((a, i) => [a, Number(BigInt(answer<string>(first[hashes.length + i], "eth_getTransactionCount", a)))]),
  );

  const candidates: Sent[] = [];
  for (const s of sent) {
    const hit = s.hashes.find((h) => receipts.get(h));
    if (hit) out.set(s.step, { kind: "mined", receipt: receipts.get(hit)!, hash: hit });
    else if (s.nonce < latest.get(s.from.toLowerCase())!) candidates.push(s);
    else out.set(s.step, { kind: "pending" });
  }
  if (!candidates.length) return out;

  // The second look: a load-balanced endpoint may have asked a node a block behind the first time.
  const again = candidates.flatMap((s) => s.hashes);
  const second = await rpc.batch<unknown>([
    ...again.map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })),
    ...again.map((h) => ({ method: "eth_getTransactionByHash", params: [h] })),
  ]);
  const receipt2 = new Map(again.map((h, i) => [h, answer<RawReceipt | null>(second[i], "eth_getTransactionReceipt", h)]));
  const known = new Set(again.filter((h, i) => answer<unknown>(second[again.length + i], "eth_getTransactionByHash", h) !== null));
  for (const s of candidates) {
    const hit = s.hashes.find((h) => receipt2.get(h));
    if (hit) out.set(s.step, { kind: "mined", receipt: receipt2.get(hit)!, hash: hit });
    else if (s.hashes.some((h) => known.has(h))) out.set(s.step, { kind: "pending" });
    else {
      const n = latest.get(s.from.toLowerCase())!;
      out.set(s.step, {
        kind: "replaced",
        reason: `nonce ${s.nonce} was used by another transaction (${s.from} has sent ${n}; the node knows none of this step's ${s.hashes.length} transaction(s))`,
      });
    }
  }
  return out;
}

function answer<T>(r: CallResult<unknown> | undefined, method: string, arg: string): T {
  if (!r) throw new RpcError(`${method}(${arg}) got no answer: cannot tell whether it was mined`);
  if (!r.ok) {
    throw new RpcError(`${method}(${arg}) failed: cannot tell whether it was mined`, {
      details: `${r.error.message} (code ${r.error.code})`,
      hint: "Nothing was decided or sent again. Run the same command again once the endpoint answers: the journal resumes.",
    });
  }
  return r.result as T;
}
