import type { CallResult, Rpc } from "../chains/evm/client.js";
import type { Op } from "./ops.js";
import { revertDataOf } from "./revert.js";

/** A tx about to be estimated: the op, what it sends, and the nonce it will go out with. */
export type EstimateInput = { op: Op; to?: string; data: string; nonce: number };

/** Where a not-yet-mined dependency will live, and the runtime code it will have there. */
export type PendingCode = Map<string, { address: string; code: string }>;

/** eth_estimateGas finds the smallest limit that works; ours leaves room for the state to move a little before mining. */
export const estimateMargin = (g: bigint) => (g * 125n) / 100n + 10_000n;

/**
 * Gas used by one execution is not the limit a tx needs: refunds are paid back only at the end (up to
 * a fifth of the gas: ×1.25), and a nested call gets at most 63/64 of what is left. ×1.3 covers both,
 * as forge's default gas multiplier does; the access list the node returned is not sent, so each entry
 * costs 100 gas more for real (a cold access instead of a listed one).
 */
export const gasUsedMargin = (used: bigint, listEntries: number) => ((used + 100n * BigInt(listEntries)) * 13n) / 10n + 10_000n;

type AccessList = { accessList?: { address: string; storageKeys?: string[] }[]; gasUsed?: string; error?: string };

/** Endpoints seen refusing eth_createAccessList: estimated with eth_estimateGas from then on. */
const noAccessList = new WeakSet<Rpc>();

type RpcError = { code: number; message: string; data?: unknown };
const isRevert = (e: RpcError) => Boolean(revertDataOf(e)) || /revert/i.test(e.message);
/** An endpoint without the method (not a revert, whose reason may say anything, "does not exist" included). */
const unsupported = (e: RpcError) =>
  !isRevert(e) &&
  (e.code === -32601 || /method\b.*\b(not found|not supported|not available|does not exist)|unsupported method/i.test(e.message));

/**
 * Gas limits for a wave of txs, in one batch, in wave order.
 *
 * A tx that needs nothing unmined is executed once by eth_createAccessList, whose `gasUsed` gives the
 * limit (with gasUsedMargin): eth_estimateGas binary-searches, running the tx seven or eight times
 * (on anvil, 100 token deploys: 70 ms of node CPU against 10 ms). A revert is an error either way.
 *
 * A dependent sent in the same wave as its dependency (a proxy whose constructor calls the
 * implementation's initializer) cannot be run against the chain as it is: the dependency is not
 * mined yet. It is estimated against the chain as it will be, with eth_estimateGas (the call that
 * takes state overrides on geth, anvil, reth and erigon): each unmined dependency's runtime code at
 * its predicted address, and the sender's nonce set to the one the tx will use, so that the simulated
 * CREATE lands where the real one will (at the current nonce it could hit an overridden address:
 * "CreateCollision"). Where an override fails otherwise than by reverting (an endpoint that refuses
 * them), the tx is estimated again without, and a failure then is left to the caller (the dependent
 * waits for its dependency's receipt). Without overrides a call to a contract not deployed yet would
 * "succeed" against empty code: that estimate is never taken for one that reverted with them.
 */
export async function estimateWave(
  rpc: Rpc,
  txs: EstimateInput[],
  pending: PendingCode,
  isDone: (opId: string) => boolean,
): Promise<CallResult<bigint>[]> {
  const overridesOf = (t: EstimateInput) => {
    // Only this op's own unmined dependencies: a request carrying every contract's code would be megabytes.
    const deps = t.op.needs.flatMap((n) => (!isDone(n) && pending.has(n) ? [pending.get(n)!] : []));
    if (!deps.length) return undefined;
    return {
      ...Object.fromEntries(deps.map((d) => [d.address, { code: d.code }])),
      [t.op.from]: { nonce: `0x${t.nonce.toString(16)}` },
    };
  };
  const tx = (t: EstimateInput) => ({ from: t.op.from, to: t.to, data: t.data });
  const estimate = (t: EstimateInput, overrides?: object) => ({
    method: "eth_estimateGas",
    params: [tx(t), ...(overrides ? ["latest", overrides] : [])],
  });
  let overrides = txs.map(overridesOf);
  const listed = (i: number) => !overrides[i] && !noAccessList.has(rpc);
  const requests = () =>
    txs.map((t, i) => (listed(i) ? { method: "eth_createAccessList", params: [tx(t), "latest"] } : estimate(t, overrides[i])));
  const read = (i: number, r: CallResult<unknown>): CallResult<bigint> => {
    if (!r.ok) return r;
    if (!listed(i)) return { ok: true, result: estimateMargin(BigInt(r.result as string)) };
    const a = r.result as AccessList;
    // geth reports a revert inside the result rather than as an error.
    if (a.error || a.gasUsed === undefined) return { ok: false, error: { code: 3, message: a.error ?? "no gasUsed in the answer" } };
    const entries = (a.accessList ?? []).reduce((n, e) => n + 1 + (e.storageKeys?.length ?? 0), 0);
    return { ok: true, result: gasUsedMargin(BigInt(a.gasUsed), entries) };
  };

  let answers: CallResult<unknown>[];
  try {
    answers = await rpc.batch(requests());
  } catch (e) {
    // An endpoint that rejects the whole batch over the override parameter: estimate without.
    if (!overrides.some(Boolean)) throw e;
    overrides = txs.map(() => undefined);
    answers = await rpc.batch(requests());
  }
  const lacking = txs.flatMap((_, i) => {
    const r = answers[i]!;
    return listed(i) && !r.ok && unsupported(r.error) ? [i] : [];
  });
  if (lacking.length) {
    // Only what went to eth_createAccessList is asked again, now of eth_estimateGas (listed() says no from here on).
    noAccessList.add(rpc);
    const redo = txs.flatMap((_, i) => (overrides[i] ? [] : [i]));
    const again = await rpc.batch(redo.map((i) => estimate(txs[i]!)));
    redo.forEach((i, k) => {
      answers[i] = again[k]!;
    });
  }
  const est = answers.map((r, i) => read(i, r));

  // A revert under overrides is the answer (the caller waits for the dependency and estimates again);
  // anything else may be an endpoint that took the call but not the override.
  const again = txs.flatMap((_, i) => {
    const r = est[i]!;
    return overrides[i] && !r.ok && !isRevert(r.error) ? [i] : [];
  });
  if (again.length) {
    const plain = await rpc.batch<string>(again.map((i) => estimate(txs[i]!)));
    again.forEach((i, k) => {
      const p = plain[k]!;
      if (p.ok) est[i] = { ok: true, result: estimateMargin(BigInt(p.result)) };
    });
  }
  return est;
}
