import http from "node:http";
import type { AddressInfo } from "node:net";

export type CountingProxy = {
  url: string;
  /** HTTP requests received, and JSON-RPC calls inside them (a batch of n counts n). */
  counts: { requests: number; calls: number; batchSizes: number[] };
  reset(): void;
  close(): Promise<void>;
};

/** A loopback HTTP proxy in front of an RPC endpoint that counts what passes through it. */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const counts = { requests: 0, calls: 0, batchSizes: [] as number[] };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    const parsed = JSON.parse(body) as unknown;
    const n = Array.isArray(parsed) ? parsed.length : 1;
    counts.requests++;
    counts.calls += n;
    counts.batchSizes.push(n);
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.writeHead(upstream.status, { "content-type": "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset() {
      counts.requests = 0;
      counts.calls = 0;
      counts.batchSizes = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps sockets alive: without this, close() waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
