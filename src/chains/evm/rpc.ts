import pRetry, { AbortError } from "p-retry";
import { Agent, interceptors, request } from "undici";
import { redactUrl } from "../../errors/index.js";
import { isTransient, RpcError, type RpcErrorBody, RpcUnavailableError } from "./rpcErrors.js";

export { isTransient, RpcError, type RpcErrorBody, RpcUnavailableError } from "./rpcErrors.js";

export type RpcCall = { method: string; params: unknown[] };
export type RpcResult = { result?: unknown; error?: RpcErrorBody };

export type BatchOptions = {
  /** Largest batch the endpoint accepts; calls are split into ceil(n / batchLimit) HTTP requests. */
  batchLimit?: number;
  /** Retries of what failed transiently: an HTTP request (connection lost, timeout, 429, 5xx) or single calls answered with a transient error. */
  retries?: number;
  /** Gives up on an HTTP request that has not answered after this long (each try). */
  timeoutMs?: number;
  /** Whose endpoint this is, for messages (e.g. 'network "sepolia"'). */
  label?: string;
  /** Counts HTTP requests sent (benches and tests read it). */
  stats?: { httpRequests: number; rpcCalls: number };
};

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Sends JSON-RPC calls as batches (one HTTP POST per batch of up to `batchLimit` calls, all
 * batches in parallel) and returns results in call order.
 *
 * What failed transiently is asked again with backoff (p-retry): a whole request that got no usable
 * answer, or just the calls of a batch that were answered with a transient error (isTransient), so
 * one overloaded call does not repeat a thousand good ones. Every call is safe to repeat: reads are,
 * and a signed transaction sent twice is the same transaction. A transient error is therefore never
 * returned as a result: when it persists, the whole batch fails with an RpcUnavailableError that says
 * how often the endpoint failed. Results that are the node's decision (a revert, "nonce too low") are
 * returned per call as values. The URL may carry an API key: it is only ever shown through `redactUrl`.
 */
export async function rpcBatch(url: string, calls: RpcCall[], opts: BatchOptions = {}): Promise<RpcResult[]> {
  if (calls.length === 0) return [];
  const limit = opts.batchLimit && opts.batchLimit > 0 ? opts.batchLimit : calls.length;
  const where = `${opts.label ? `of ${opts.label} ` : ""}(${redactUrl(url)})`;
  const results: RpcResult[] = new Array(calls.length);
  let todo = calls.map((_, i) => i);
  let attempts = 0;
  const attempt = async () => {
    attempts++;
    const chunks: number[][] = [];
    for (let i = 0; i < todo.length; i += limit) chunks.push(todo.slice(i, i + limit));
    const settled = await Promise.allSettled(
      chunks.map((idx) =>
        postBatch(
          url,
          idx.map((i) => calls[i]!),
          opts,
          where,
        ),
      ),
    );
    const left: number[] = [];
    let why = "";
    let hint: string | undefined;
    settled.forEach((s, c) => {
      const idx = chunks[c]!;
      if (s.status === "rejected") {
        if (s.reason instanceof AbortError) throw s.reason;
        left.push(...idx);
        why = (s.reason as RpcError).shortMessage ?? String(s.reason);
        hint = (s.reason as RpcError).hint;
        return;
      }
      s.value.forEach((r, k) => {
        const i = idx[k]!;
        results[i] = r;
        if (r.error && isTransient(r.error)) {
          left.push(i);
          why = `${calls[i]!.method} answered "${r.error.message}" (code ${r.error.code})`;
        }
      });
    });
    todo = left.sort((a, b) => a - b);
    if (todo.length) {
      throw new RpcUnavailableError(`the RPC endpoint ${where} failed ${attempts} time${attempts === 1 ? "" : "s"}: ${why}`, {
        details: `${todo.length} of ${calls.length} calls got no answer`,
        hint:
          hint ??
          (opts.label
            ? `The provider is down, overloaded or rate-limiting. Try again later, or point the ${opts.label} rpc.env variable at another endpoint.`
            : "The provider is down, overloaded or rate-limiting. Try again later, or use another endpoint."),
      });
    }
  };
  await pRetry(attempt, { retries: opts.retries ?? 4, minTimeout: 200, maxTimeout: 5_000, randomize: true });
  return results;
}

/**
 * undici's request() rather than the global fetch: no WHATWG streams around bodies of megabytes
 * (a wave's creation code), ~5-10% of an apply of 100 contracts. Redirects are followed as fetch did.
 */
const dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));

/** One HTTP request. Throws RpcError when it may be retried, AbortError(RpcError) when asking again cannot help. */
async function postBatch(url: string, chunk: RpcCall[], opts: BatchOptions, where: string): Promise<RpcResult[]> {
  const body = JSON.stringify(chunk.map((c, i) => ({ jsonrpc: "2.0", id: i, method: c.method, params: c.params })));
  if (opts.stats) {
    opts.stats.httpRequests++;
    opts.stats.rpcCalls += chunk.length;
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    const timedOut = (cause as Error)?.name === "TimeoutError";
    const code = (cause as { code?: string })?.code;
    throw new RpcError(timedOut ? `no answer within ${timeoutMs} ms` : `cannot connect${code ? ` (${code})` : ""}`, {
      cause,
      hint: "Check the URL in the environment variable named by rpc.env, and that the node is up.",
    });
  }
  if (res.statusCode === 429 || res.statusCode === 408 || res.statusCode >= 500) {
    await res.body.dump();
    throw new RpcError(`HTTP ${res.statusCode}`);
  }
  if (res.statusCode >= 300) {
    const text = (await res.body.text()).slice(0, 300);
    throw new AbortError(
      new RpcError(`RPC endpoint ${where} answered HTTP ${res.statusCode}`, {
        details: text,
        // Only a refusal that is about size points at batchLimit: for a 404 or a 401 that hint would send the user astray.
        hint:
          res.statusCode === 413 || /batch/i.test(text)
            ? "If the provider limits batch sizes, set rpc.batchLimit on the network."
            : "Check the URL (and any credentials it needs) in the environment variable named by rpc.env.",
      }),
    );
  }
  let json: unknown;
  try {
    json = await res.body.json();
  } catch (cause) {
    // An HTML error page with status 200 (a captive proxy, a wrong path): asking again will not help.
    throw new AbortError(new RpcError(`RPC endpoint ${where} did not answer with JSON`, { cause }));
  }
  if (!Array.isArray(json)) {
    const err = (json as { error?: RpcErrorBody })?.error;
    // A whole batch refused with a transient error (an overloaded gateway) is asked again; any other refusal is final.
    if (err && isTransient(err)) throw new RpcError(`the batch was answered "${err.message}" (code ${err.code})`);
    throw new AbortError(
      new RpcError(`RPC endpoint ${where} rejected a batch of ${chunk.length} calls`, {
        details: err?.message ?? "not a JSON-RPC batch response",
        hint: "The provider may cap batch sizes: set rpc.batchLimit on the network (e.g. 100).",
      }),
    );
  }
  const byId = new Map<number, RpcResult>();
  for (const item of json as ({ id: number } & RpcResult)[]) byId.set(Number(item.id), { result: item.result, error: item.error });
  return chunk.map((_, i) => byId.get(i) ?? { error: { code: -32603, message: "missing from the batch response" } });
}
