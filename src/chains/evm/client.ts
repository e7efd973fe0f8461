import { type RpcCall, RpcError, type RpcResult, rpcBatch } from "./rpc.js";

export type { RpcCall } from "./rpc.js";

/** A call's outcome: JSON-RPC errors are values, so "already known" and reverts can be told apart per call. */
export type CallResult<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: number; message: string; data?: unknown } };

export type RpcStats = { httpRequests: number; rpcCalls: number };

export type RpcOptions = {
  /** Largest batch the endpoint accepts (the network's `rpc.batchLimit`); every read and send through this client keeps to it. */
  batchLimit?: number;
  /** Retries of what failed transiently (see rpcBatch); 5 unless said. */
  retries?: number;
  /** Per HTTP request; rpcBatch's default (60 s) unless said. */
  timeoutMs?: number;
  /** Whose endpoint this is, for messages (e.g. 'network "sepolia"'). */
  label?: string;
};

/**
 * The one JSON-RPC client of an EVM endpoint, used by plan's snapshot, apply (sends, receipts, post-deploy
 * checks) and `w3o verify`: batches split by `batchLimit`, transient failures retried with backoff and
 * persistent ones an RpcUnavailableError, URLs only ever shown redacted (all in rpcBatch), and counters of
 * what was sent, which benches and tests assert on.
 *
 * @example
 * const rpc = new Rpc(url, { batchLimit: 100, label: 'network "sepolia"' });
 * const head = await rpc.call<string>("eth_blockNumber");
 */
export class Rpc {
  readonly stats: RpcStats = { httpRequests: 0, rpcCalls: 0 };

  constructor(
    readonly url: string,
    readonly opts: RpcOptions = {},
  ) {}

  get httpRequests(): number {
    return this.stats.httpRequests;
  }

  get batchLimit(): number | undefined {
    return this.opts.batchLimit;
  }

  /** One call; a JSON-RPC error answer is thrown as an RpcError. */
  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const [res] = await this.batch<T>([{ method, params }]);
    if (!res!.ok) throw new RpcError(`${method} failed: ${res!.error.message}`, { details: `code ${res!.error.code}` });
    return res!.result;
  }

  /** Calls in as few HTTP requests as the batch limit allows; one result per call, in order. */
  async batch<T = unknown>(calls: RpcCall[]): Promise<CallResult<T>[]> {
    const res = await this.send(calls);
    return res.map((r): CallResult<T> => (r.error ? { ok: false, error: r.error } : { ok: true, result: r.result as T }));
  }

  /**
   * The answers as JSON-RPC gives them. `splitAt` splits the calls where the endpoint takes batches of any
   * size (no `batchLimit`); `stats` also counts this read alone (a snapshot reports its own cost).
   */
  async send(calls: RpcCall[], o: { splitAt?: number; stats?: RpcStats } = {}): Promise<RpcResult[]> {
    if (calls.length === 0) return [];
    const batchLimit = this.opts.batchLimit ?? o.splitAt;
    const own: RpcStats = { httpRequests: 0, rpcCalls: 0 };
    try {
      return await rpcBatch(this.url, calls, {
        batchLimit,
        retries: this.opts.retries ?? 5,
        timeoutMs: this.opts.timeoutMs,
        label: this.opts.label,
        stats: own,
      });
    } finally {
      for (const s of o.stats ? [this.stats, o.stats] : [this.stats]) {
        s.httpRequests += own.httpRequests;
        s.rpcCalls += own.rpcCalls;
      }
    }
  }
}
