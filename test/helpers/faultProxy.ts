import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What a faulty endpoint can do to one HTTP request. "before" faults never reach the node; "after"
 * faults do (the node executed the calls, a send included) and only the answer is lost or spoiled:
 * the case that tests whether a client tells "not done" from "not known".
 */
export type Fault =
  | "drop-before" // connection closed before forwarding
  | "drop-after" // forwarded, then the connection closed without an answer
  | "delay" // forwarded after a pause
  | "http-429"
  | "http-503"
  | "rpc-internal-before" // some calls of the batch not forwarded, answered -32603
  | "rpc-internal-after"; // forwarded, then some answers replaced by -32603

export const FAULTS: readonly Fault[] = [
  "drop-before",
  "drop-after",
  "delay",
  "http-429",
  "http-503",
  "rpc-internal-before",
  "rpc-internal-after",
];

/** A fault for a request; `only` limits an rpc-internal fault to the calls of those methods (all of them, every time). */
export type Decide = (req: { n: number; methods: string[]; random: () => number }) => Fault | { fault: Fault; only: string[] } | undefined;

/** Faults at random: each request is hit with probability `rate`, by a fault drawn uniformly. */
export const randomFaults =
  (rate: number): Decide =>
  ({ random }) =>
    random() < rate ? FAULTS[Math.floor(random() * FAULTS.length)] : undefined;

export type FaultProxy = {
  url: string;
  /** Every fault injected, with the methods of the request it hit. */
  injected: { fault: Fault; methods: string[] }[];
  close(): Promise<void>;
};

type Call = { jsonrpc: "2.0"; id: number | string; method: string; params?: unknown[] };
type Answer = { jsonrpc: "2.0"; id: number | string; result?: unknown; error?: unknown };

const INTERNAL = { code: -32603, message: "Internal error" };

/** mulberry32: a seeded generator, so that a failing seed replays the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A loopback JSON-RPC endpoint in front of a real node that injects faults as `decide` says, reproducibly from `seed`. */
export async function faultProxy(target: string, decide: Decide, seed = 1): Promise<FaultProxy> {
  const random = seeded(seed);
  const injected: FaultProxy["injected"] = [];
  let n = 0;
  const forward = async (calls: Call[]): Promise<Answer[]> => {
    if (!calls.length) return [];
    const res = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(calls) });
    return (await res.json()) as Answer[];
  };
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const parsed = JSON.parse(body) as Call | Call[];
    const calls = Array.isArray(parsed) ? parsed : [parsed];
    const reply = (answers: Answer[]) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(parsed) ? answers : answers[0]));
    const decided = decide({ n: ++n, methods: calls.map((c) => c.method), random });
    const fault = typeof decided === "object" ? decided.fault : decided;
    const only = typeof decided === "object" ? new Set(decided.only) : undefined;
    const pick = (cs: Call[]) => (only ? new Set(cs.filter((c) => only.has(c.method)).map((c) => c.id)) : pickSome(cs, random));
    if (fault) injected.push({ fault, methods: [...new Set(calls.map((c) => c.method))] });
    switch (fault) {
      case "drop-before":
        return req.socket.destroy();
      case "http-429":
        return res.writeHead(429, { "retry-after": "0" }).end("rate limited");
      case "http-503":
        return res.writeHead(503).end("upstream unavailable");
      case "delay":
        await new Promise((r) => setTimeout(r, 20 + random() * 280));
        return reply(await forward(calls));
      case "drop-after":
        await forward(calls);
        return req.socket.destroy();
      case "rpc-internal-before": {
        const hit = pick(calls);
        const answers = await forward(calls.filter((c) => !hit.has(c.id)));
        const byId = new Map(answers.map((a) => [a.id, a]));
        return reply(calls.map((c) => (hit.has(c.id) ? { jsonrpc: "2.0", id: c.id, error: INTERNAL } : byId.get(c.id)!)));
      }
      case "rpc-internal-after": {
        const hit = pick(calls);
        const answers = await forward(calls);
        return reply(answers.map((a) => (hit.has(a.id) ? { jsonrpc: "2.0", id: a.id, error: INTERNAL } : a)));
      }
      default:
        return reply(await forward(calls));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    injected,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Each call of the request with probability ½, at least one. */
function pickSome(calls: Call[], random: () => number): Set<number | string> {
  const hit = new Set(calls.filter(() => random() < 0.5).map((c) => c.id));
  if (!hit.size) hit.add(calls[Math.floor(random() * calls.length)]!.id);
  return hit;
}
