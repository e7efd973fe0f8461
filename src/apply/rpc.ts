import { RpcError, rpcBatch } from "../chains/evm/rpc.js";

export { RpcError } from "../chains/evm/rpc.js";

export type RpcCall = { method: string; params: unknown[] };
/** A call's outcome: JSON-RPC errors are values, so "already known" and reverts can be told apart per call. */
export type RpcResult<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: number; message: string; data?: unknown } };

/**
 * Apply's view of an endpoint: the same batching as plan's snapshot (one HTTP request per batch,
 * split by `batchLimit`, transient failures retried with backoff, persistent ones an
 * RpcUnavailableError: see rpcBatch), plus counters that
 * benches and tests assert on, and per-call results as a tagged union.
 */
export class Rpc {
  readonly stats = { httpRequests: 0, rpcCalls: 0 };

  constructor(
    readonly url: string,
    private readonly opts: { batchLimit?: number; retries?: number; label?: string } = {},
  ) {}

  get httpRequests(): number {
    return this.stats.httpRequests;
  }

  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const [res] = await this.batch<T>([{ method, params }]);
    if (!res!.ok) throw new RpcError(`${method} failed: ${res!.error.message}`, { details: `code ${res!.error.code}` });
    return res!.result;
  }

  async batch<T = unknown>(calls: RpcCall[]): Promise<RpcResult<T>[]> {
    if (calls.length === 0) return [];
    const res = await rpcBatch(this.url, calls, {
      batchLimit: this.opts.batchLimit,
      retries: this.opts.retries ?? 5,
      label: this.opts.label,
      stats: this.stats,
    });
    return res.map((r): RpcResult<T> => (r.error ? { ok: false, error: r.error } : { ok: true, result: r.result as T }));
  }
}
