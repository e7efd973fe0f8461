import { rpcBatch as batch, type RpcCall as EvmRpcCall, RpcError } from "../chains/evm/rpc.js";
import { BaseError, redactUrl } from "../errors/index.js";

export type RpcCall = { method: string; params?: unknown[] };
export type RpcOutcome = { result?: unknown; error?: { code: number; message: string } };

export class RpcUnreachableError extends BaseError {
  override name = "RpcUnreachableError";
}

/**
 * Sends calls as JSON-RPC batches of at most `batchLimit` (100 by default: verify talks to nodes of
 * any kind, public ones included) through the shared client, and returns one outcome per call, in
 * order. A call-level error is an outcome, not an exception: verification reports it. An endpoint
 * that does not answer (or not with JSON-RPC) is an RpcUnreachableError: the node's check fails.
 */
export async function rpcBatch(
  url: string,
  calls: RpcCall[],
  opts: { batchLimit?: number; timeoutMs?: number } = {},
): Promise<RpcOutcome[]> {
  const normalized: EvmRpcCall[] = calls.map((c) => ({ method: c.method, params: c.params ?? [] }));
  try {
    return await batch(url, normalized, { batchLimit: opts.batchLimit ?? 100, timeoutMs: opts.timeoutMs ?? 10_000, retries: 0 });
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    throw new RpcUnreachableError(`RPC ${redactUrl(url)} did not answer.`, { cause: e, details: e.shortMessage });
  }
}
