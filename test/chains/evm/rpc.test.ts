import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTransient, RpcError, RpcUnavailableError, rpcBatch } from "../../../src/chains/evm/rpc.js";
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
    expect(err.message).toMatch(/^the RPC endpoint \(http:\/\/127\.0\.0\.1:\d+\/v3\/\*\*\*\) failed 1 time: no answer within 300 ms/);
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

  it("asks again only the calls answered with a transient error, and returns the node's decisions as values", async () => {
    const seen: string[][] = [];
    let n = 0;
    const flaky = http.createServer(async (req, res) => {
      let body = "";
      for await (const c of req) body += c;
      const calls = JSON.parse(body) as { id: number; method: string }[];
      seen.push(calls.map((c) => c.method));
      const first = ++n === 1;
      const answers = calls.map((c) => {
        if (c.method === "eth_blockNumber" && first)
          return { jsonrpc: "2.0", id: c.id, error: { code: -32603, message: "Internal error" } };
        // anvil's answer for an invalid opcode: -32603 too, but the node's decision, not a failure.
        if (c.method === "eth_estimateGas")
          return { jsonrpc: "2.0", id: c.id, error: { code: -32603, message: "EVM error InvalidFEOpcode" } };
        return { jsonrpc: "2.0", id: c.id, result: "0x7a69" };
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answers));
    });
    await new Promise<void>((r) => flaky.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
    const res = await rpcBatch(url, [chainId, { method: "eth_blockNumber", params: [] }, { method: "eth_estimateGas", params: [{}] }], {
      retries: 3,
    });
    expect(res[0]?.result).toBe("0x7a69");
    expect(res[1]?.result).toBe("0x7a69");
    expect(res[2]?.error?.message).toBe("EVM error InvalidFEOpcode");
    expect(seen).toEqual([["eth_chainId", "eth_blockNumber", "eth_estimateGas"], ["eth_blockNumber"]]);
    flaky.close();
  });

  it("says which network's endpoint failed how often when a transient error persists", async () => {
    const down = await endpoint((_, __, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify([{ jsonrpc: "2.0", id: 0, error: { code: -32005, message: "limit exceeded" } }])),
    );
    const err = await rpcBatch(down.url, [chainId], { retries: 2, label: 'network "sepolia"' }).catch((e) => e);
    expect(err).toBeInstanceOf(RpcUnavailableError);
    expect(err.shortMessage).toBe(
      `the RPC endpoint of network "sepolia" (${down.url.replace(/[0-9a-f]{32}$/, "***")}) failed 3 times: eth_chainId answered "limit exceeded" (code -32005)`,
    );
    expect(err.hint).toMatch(/rate-limiting/);
    expect(down.requests()).toBe(3);
    await down.close();
  });

  it("does not suggest rpc.batchLimit for an HTTP 404", async () => {
    const wrong = await endpoint((_, __, res) => res.writeHead(404).end("not found"));
    const err = await rpcBatch(wrong.url, [chainId], { retries: 3 }).catch((e) => e);
    expect(err.message).toContain("answered HTTP 404");
    expect(err.hint).not.toMatch(/batchLimit/);
    expect(wrong.requests()).toBe(1);
    await wrong.close();
  });

  it.each([
    [{ code: -32603, message: "Internal error" }, true],
    [{ code: -32005, message: "request rate exceeded" }, true],
    [{ code: -32000, message: "header not found" }, true],
    [{ code: -32000, message: "Too Many Requests" }, true],
    [{ code: 3, message: "execution reverted" }, false],
    [{ code: -32603, message: "EVM error CreateContractSizeLimit" }, false],
    [{ code: -32003, message: "nonce too low" }, false],
    [{ code: -32000, message: "replacement transaction underpriced" }, false],
    [{ code: -32003, message: "Insufficient funds for gas * price + value" }, false],
    [{ code: -32602, message: "invalid params" }, false],
  ])("classifies %o as transient: %s", (error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});
