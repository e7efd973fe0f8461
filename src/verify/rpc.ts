import { BaseError, redactUrl } from "../errors/index.js";

export type RpcCall = { method: string; params?: unknown[] };
export type RpcOutcome = { result?: unknown; error?: { code: number; message: string } };

export class RpcUnreachableError extends BaseError {
  override name = "RpcUnreachableError";
}

/**
 * Sends calls as JSON-RPC batches of at most `batchLimit` and returns one outcome per call,
 * in order. A call-level error is an outcome, not an exception: verification reports it.
 */
export async function rpcBatch(
  url: string,
  calls: RpcCall[],
  opts: { batchLimit?: number; timeoutMs?: number } = {},
): Promise<RpcOutcome[]> {
  const size = opts.batchLimit ?? 100;
  const outcomes: RpcOutcome[] = [];
  for (let i = 0; i < calls.length; i += size) {
    const chunk = calls.slice(i, i + size);
    const body = chunk.map((c, j) => ({ jsonrpc: "2.0", id: i + j, method: c.method, params: c.params ?? [] }));
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new RpcUnreachableError(`RPC ${redactUrl(url)} did not answer.`, {
        cause: e,
        details: e instanceof Error ? e.message : String(e),
      });
    }
    if (!res.ok) throw new RpcUnreachableError(`RPC ${redactUrl(url)} answered HTTP ${res.status}.`);
    const json = (await res.json()) as { id: number; result?: unknown; error?: { code: number; message: string } }[] | { error?: unknown };
    // Some servers answer a batch they reject with a single error object.
    if (!Array.isArray(json))
      throw new RpcUnreachableError(`RPC ${redactUrl(url)} rejected a JSON-RPC batch.`, { details: JSON.stringify(json).slice(0, 200) });
    const byId = new Map(json.map((r) => [r.id, r]));
    for (let j = 0; j < chunk.length; j++) {
      const r = byId.get(i + j);
      outcomes.push(r ? { result: r.result, error: r.error } : { error: { code: -32603, message: "no response for this call" } });
    }
  }
  return outcomes;
}
