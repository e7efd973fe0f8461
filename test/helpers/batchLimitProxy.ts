import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A JSON-RPC endpoint in front of a node that refuses any batch of more than `limit` calls, as hosted
 * providers do (one error object for the whole request instead of an array), and forwards the rest.
 */
export async function batchLimitProxy(
  upstream: string,
  limit: number,
): Promise<{ url: string; refused: number[]; largest: () => number; close: () => Promise<void> }> {
  const refused: number[] = [];
  let largest = 0;
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const parsed = JSON.parse(body) as unknown;
    const size = Array.isArray(parsed) ? parsed.length : 1;
    largest = Math.max(largest, size);
    if (size > limit) {
      refused.push(size);
      const error = { code: -32600, message: `batch of ${size} requests exceeds the limit of ${limit}` };
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: null, error }));
    }
    const answer = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    largest: () => largest,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
