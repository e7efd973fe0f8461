import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A JSON-RPC endpoint in front of a node that refuses eth_call without `to` (w3o's code-hash call), as
 * a restrictive gateway might, and passes everything else through. Counts the calls it refused.
 */
export async function refusingGateway(upstream: string): Promise<{ url: string; refused: () => number; close: () => void }> {
  let refused = 0;
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const parsed = JSON.parse(body) as
      | { id: number; method: string; params: { to?: string }[] }
      | { id: number; method: string; params: { to?: string }[] }[];
    const calls = Array.isArray(parsed) ? parsed : [parsed];
    const answer = await (await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body })).json();
    const answers = (Array.isArray(answer) ? answer : [answer]) as { id: number }[];
    const no = new Set(calls.filter((c) => c.method === "eth_call" && !c.params[0]?.to).map((c) => c.id));
    refused += no.size;
    const out = answers.map((a) =>
      no.has(a.id) ? { jsonrpc: "2.0", id: a.id, error: { code: -32000, message: "contract creation not allowed" } } : a,
    );
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(parsed) ? out : out[0]));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refused: () => refused, close: () => server.close() };
}
