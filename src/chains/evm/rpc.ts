import pRetry, { AbortError } from "p-retry";
import { Agent, interceptors, request } from "undici";
import { BaseError, redactUrl } from "../../errors/index.js";

export type RpcCall = { method: string; params: unknown[] };
export type RpcResult = { result?: unknown; error?: { code: number; message: string } };

export class RpcError extends BaseError {
  override name = "RpcError";
}

export type BatchOptions = {
  /** Largest batch the endpoint accepts; calls are split into ceil(n / batchLimit) HTTP requests. */
  batchLimit?: number;
  /** Retries of a failed HTTP request (connection refused, 429, 5xx). */
  retries?: number;
  /** Gives up on an HTTP request that has not answered after this long (each try). */
  timeoutMs?: number;
  /** Whose endpoint this is, for messages (e.g. 'network "sepolia"'). */
  label?: string;
  /** Counts HTTP requests sent (benches and tests read it). */
  stats?: { httpRequests: number; rpcCalls: number };
};

/**
 * Sends JSON-RPC calls as batches (one HTTP POST per batch of up to `batchLimit` calls, all
 * batches in parallel) and returns results in call order. The URL may carry an API key: it is
 * only ever shown through `redactUrl`.
 */
export async function rpcBatch(url: string, calls: RpcCall[], opts: BatchOptions = {}): Promise<RpcResult[]> {
  const limit = opts.batchLimit ?? Number.POSITIVE_INFINITY;
  const chunks: RpcCall[][] = [];
  for (let i = 0; i < calls.length; i += Number.isFinite(limit) ? limit : calls.length) chunks.push(calls.slice(i, i + limit));
  const answers = await Promise.all(
    chunks.map((chunk, c) => {
      const base = c * (Number.isFinite(limit) ? limit : 0);
      return postBatch(url, chunk, base, opts);
    }),
  );
  return answers.flat();
}

/**
 * undici's request() rather than the global fetch: no WHATWG streams around bodies of megabytes
 * (a wave's creation code), ~5-10% of an apply of 100 contracts. Redirects are followed as fetch did.
 */
const dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));

async function postBatch(url: string, chunk: RpcCall[], base: number, opts: BatchOptions): Promise<RpcResult[]> {
  const body = JSON.stringify(chunk.map((c, i) => ({ jsonrpc: "2.0", id: base + i, method: c.method, params: c.params })));
  const where = `${opts.label ? `of ${opts.label} ` : ""}${redactUrl(url)}`;
  const send = async () => {
    if (opts.stats) {
      opts.stats.httpRequests++;
      opts.stats.rpcCalls += chunk.length;
    }
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        dispatcher,
        signal: opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined,
      });
    } catch (cause) {
      throw new RpcError(`cannot reach the RPC endpoint ${where}`, {
        cause,
        hint: "Check the URL in the environment variable named by rpc.env, and that the node is up.",
      });
    }
    if (res.statusCode === 429 || res.statusCode >= 500) {
      await res.body.dump();
      throw new RpcError(`RPC endpoint ${where} answered HTTP ${res.statusCode}`);
    }
    if (res.statusCode >= 300) {
      throw new AbortError(
        new RpcError(`RPC endpoint ${where} answered HTTP ${res.statusCode}`, {
          details: (await res.body.text()).slice(0, 300),
          hint: "If the provider limits batch sizes, set rpc.batchLimit on the network.",
        }),
      );
    }
    const json = (await res.body.json().catch((cause: unknown) => {
      // An HTML error page with status 200 (a captive proxy, a wrong path): asking again will not help.
      throw new AbortError(new RpcError(`RPC endpoint ${where} did not answer with JSON`, { cause }));
    })) as unknown;
    if (!Array.isArray(json)) {
      const err = (json as { error?: { message?: string } })?.error?.message ?? "not a JSON-RPC batch response";
      throw new AbortError(
        new RpcError(`RPC endpoint ${where} rejected a batch of ${chunk.length} calls`, {
          details: err,
          hint: "The provider may cap batch sizes: set rpc.batchLimit on the network (e.g. 100).",
        }),
      );
    }
    const byId = new Map<number, RpcResult>();
    for (const item of json as ({ id: number } & RpcResult)[]) byId.set(Number(item.id), { result: item.result, error: item.error });
    return chunk.map((_, i) => byId.get(base + i) ?? { error: { code: -32603, message: "missing from the batch response" } });
  };
  return pRetry(send, { retries: opts.retries ?? 2, minTimeout: 200 });
}
