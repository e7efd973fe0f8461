import type { Op } from "./ops.js";
import { revertDataOf } from "./revert.js";
import type { Rpc, RpcResult } from "./rpc.js";

/** A tx about to be estimated: the op, what it sends, and the nonce it will go out with. */
export type EstimateInput = { op: Op; to?: string; data: string; nonce: number };

/** Where a not-yet-mined dependency will live, and the runtime code it will have there. */
export type PendingCode = Map<string, { address: string; code: string }>;

/**
 * Gas estimates for a wave of txs in one batch, in wave order.
 *
 * A dependent sent in the same wave as its dependency (a proxy whose constructor calls the
 * implementation's initializer) cannot be estimated against the chain as it is: the dependency is
 * not mined yet. It is estimated against the chain as it will be: a state override puts each
 * unmined dependency's runtime code at its predicted address, and sets the sender's nonce to the
 * one the tx will use, so that the simulated CREATE lands where the real one will (at the current
 * nonce it could hit an overridden address: "CreateCollision"). geth, anvil, reth and erigon take
 * overrides; where one fails otherwise than by reverting (an endpoint that refuses them), the tx is
 * estimated again without, and a failure then is left to the caller (the dependent waits for its
 * dependency's receipt). Without overrides a call to a contract not deployed yet would "succeed"
 * against empty code: that estimate is never taken for one that reverted with them.
 */
export async function estimateWave(
  rpc: Rpc,
  txs: EstimateInput[],
  pending: PendingCode,
  isDone: (opId: string) => boolean,
): Promise<RpcResult<string>[]> {
  const overridesOf = (t: EstimateInput) => {
    // Only this op's own unmined dependencies: a request carrying every contract's code would be megabytes.
    const deps = t.op.needs.flatMap((n) => (!isDone(n) && pending.has(n) ? [pending.get(n)!] : []));
    if (!deps.length) return undefined;
    return {
      ...Object.fromEntries(deps.map((d) => [d.address, { code: d.code }])),
      [t.op.from]: { nonce: `0x${t.nonce.toString(16)}` },
    };
  };
  const request = (t: EstimateInput, overrides?: object) => ({
    method: "eth_estimateGas",
    params: [{ from: t.op.from, to: t.to, data: t.data }, ...(overrides ? ["latest", overrides] : [])],
  });
  let overrides = txs.map(overridesOf);
  let est: RpcResult<string>[];
  try {
    est = await rpc.batch<string>(txs.map((t, i) => request(t, overrides[i])));
  } catch (e) {
    // An endpoint that rejects the whole batch over the override parameter: estimate without.
    if (!overrides.some(Boolean)) throw e;
    overrides = txs.map(() => undefined);
    est = await rpc.batch<string>(txs.map((t) => request(t)));
  }

  // A revert under overrides is the answer (the caller waits for the dependency and estimates again);
  // anything else may be an endpoint that took the call but not the override.
  const again = txs.flatMap((_, i) => {
    const r = est[i]!;
    return overrides[i] && !r.ok && !revertDataOf(r.error) && !/revert/i.test(r.error.message) ? [i] : [];
  });
  if (again.length) {
    const plain = await rpc.batch<string>(again.map((i) => request(txs[i]!)));
    again.forEach((i, k) => {
      if (plain[k]!.ok) est[i] = plain[k]!;
    });
  }
  return est;
}
