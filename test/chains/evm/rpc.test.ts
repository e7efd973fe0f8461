import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RpcError, rpcBatch } from "../../../src/chains/evm/rpc.js";
import { type Anvil, startDevnet } from "../../../src/devnet/index.js";

let devnet: Anvil;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

/** A local HTTP endpoint answering with `handle`; counts the requests it gets. */
async function endpoint(handle: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => handle(++n, req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/4f1c2e9b7a3d4c8e9f0a1b2c3d4e5f60`,
    requests: () => n,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const chainId = { method: "eth_chainId", params: [] };

describe("rpcBatch", () => {
  it("follows a redirect to the node, as fetch did", async () => {
    const moved = await endpoint((_, __, res) => res.writeHead(307, { location: devnet.url }).end());
    const [r] = await rpcBatch(moved.url, [chainId]);
    expect(r?.result).toBe("0x7a69");
    await moved.close();
  });

  it("retries a rate-limited request, then answers", async () => {
    const busy = await endpoint((n, _, res) => {
      if (n <= 2) return res.writeHead(429).end("slow down");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([{ jsonrpc: "2.0", id: 0, result: "0x1" }]));
    });
    const [r] = await rpcBatch(busy.url, [chainId], { retries: 3 });
    expect(r?.result).toBe("0x1");
    expect(busy.requests()).toBe(3);
    await busy.close();
  });

  it("does not retry a refused batch, says what to do, and keeps the key out of the message", async () => {
    const small = await endpoint((_, __, res) => res.writeHead(413).end("batch too large"));
    const err = await rpcBatch(small.url, [chainId, chainId], { retries: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err.message).toContain("answered HTTP 413");
    expect(err.message).not.toContain("4f1c2e9b7a3d4c8e9f0a1b2c3d4e5f60");
    expect(err.details).toContain("batch too large");
    expect(small.requests()).toBe(1);
    await small.close();
  });

  it("gives up on an endpoint that never answers after timeoutMs", async () => {
    const silent = await endpoint(() => {}); // reads the request, never answers
    const started = Date.now();
    const err = await rpcBatch(silent.url, [chainId], { retries: 0, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err.message).toContain("cannot reach the RPC endpoint");
    expect(Date.now() - started).toBeLessThan(5_000);
    await silent.close();
  });

  it("says an endpoint that answers a page instead of JSON did not answer with JSON, once", async () => {
    const page = await endpoint((_, __, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"));
    const err = await rpcBatch(page.url, [chainId], { retries: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err.message).toContain("did not answer with JSON");
    expect(page.requests()).toBe(1);
    await page.close();
  });
});
