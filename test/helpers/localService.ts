import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Seen = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A loopback HTTP service that answers with `handle` and keeps every request it saw (method, path,
 * headers, body), so a test can assert on the exact calls a client made: the stand-in for a cloud API.
 */
export async function localService(
  handle: (req: Seen) => Answer | Promise<Answer>,
): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const r: Seen = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
    seen.push(r);
    const a = await handle(r);
    res.writeHead(a.status, { "content-type": "application/json", ...a.headers }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
