import pRetry, { AbortError } from "p-retry";
import { BaseError, redactUrl } from "../errors/index.js";

export class RpcError extends BaseError {
  override name = "RpcError";
}

export type RpcCall = { method: string; params: unknown[] };
/** A call's outcome: JSON-RPC errors are values, so "already known" and reverts can be told apart per call. */
export type RpcResult<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: number; message: string; data?: unknown } };

/**
 * A small JSON-RPC client that sends one HTTP request per batch, whatever its size (split by
 * `batchLimit` when a provider caps it), and retries transport failures (connection reset, 429,
 * 5xx) with exponential backoff. It counts HTTP requests: benches and tests assert on them.
 */
export class Rpc {
  httpRequests = 0;
  rpcCalls = 0;
  private id = 0;

  constructor(
    readonly url: string,
    private readonly opts: { batchLimit?: number; retries?: number } = {},
  ) {}

  async call<T>(method: string, params: unknown[] = []): Promise<T> {
    const [res] = await this.batch<T>([{ method, params }]);
    if (!res!.ok) throw new RpcError(`${method} failed: ${res!.error.message}`, { details: `code ${res!.error.code}` });
    return res!.result;
  }

  async batch<T = unknown>(calls: RpcCall[]): Promise<RpcResult<T>[]> {
    if (calls.length === 0) return [];
    const limit = this.opts.batchLimit ?? calls.length;
    const chunks: RpcCall[][] = [];
    for (let i = 0; i < calls.length; i += limit) chunks.push(calls.slice(i, i + limit));
    const results = await Promise.all(chunks.map((c) => this.post<T>(c)));
    return results.flat();
  }

  private async post<T>(calls: RpcCall[]): Promise<RpcResult<T>[]> {
    const body = calls.map((c) => ({ jsonrpc: "2.0", id: ++this.id, method: c.method, params: c.params }));
    const ids = body.map((b) => b.id);
    this.rpcCalls += calls.length;
    const json = await pRetry(
      async () => {
        this.httpRequests++;
        let res: Response;
        try {
          res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        } catch (cause) {
          throw new RpcError(`cannot reach ${redactUrl(this.url)}`, { cause });
        }
        if (res.status === 429 || res.status >= 500) throw new RpcError(`${redactUrl(this.url)} answered HTTP ${res.status}`);
        if (!res.ok) throw new AbortError(new RpcError(`${redactUrl(this.url)} answered HTTP ${res.status}`));
        return (await res.json()) as unknown;
      },
      { retries: this.opts.retries ?? 5, minTimeout: 100, maxTimeout: 5_000, factor: 2 },
    );
    const list = (Array.isArray(json) ? json : [json]) as {
      id: number;
      result?: T;
      error?: { code: number; message: string; data?: unknown };
    }[];
    const byId = new Map(list.map((r) => [r.id, r]));
    return ids.map((id): RpcResult<T> => {
      const r = byId.get(id);
      if (!r) return { ok: false, error: { code: -32603, message: "no response for this call in the batch" } };
      return r.error ? { ok: false, error: r.error } : { ok: true, result: r.result as T };
    });
  }
}
