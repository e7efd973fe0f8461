import { JsonRpcProvider, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EstimateInput, estimateWave } from "../../src/apply/estimate.js";
import { Rpc, type RpcCall } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { compileFixtures, deployOp } from "../helpers/ops.js";

let devnet: Anvil;
const fx = compileFixtures();

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

/** An Rpc that records every batch's methods; with `refuse`, answers that method with `error` (by default: as an endpoint without it). */
function recordingRpc(refuse?: string, error = { code: -32601, message: `the method ${refuse} does not exist` }) {
  const calls: string[][] = [];
  const rpc = new (class extends Rpc {
    override async batch<T>(c: RpcCall[]) {
      calls.push(c.map((x) => x.method));
      const real = await super.batch<T>(c.map((x) => (x.method === refuse ? { method: "eth_chainId", params: [] } : x)));
      return real.map((r, i) => (c[i]!.method === refuse ? { ok: false as const, error } : r));
    }
  })(devnet.url);
  return { rpc, calls };
}

const input = (id: string, data: string, to?: string): EstimateInput => ({ op: deployOp(id, from(), fx.Leaf), to, data, nonce: 0 });
const from = () => devnet.accounts[2]!.address;

describe("gas limits for a wave", () => {
  it("prices independent txs with one execution each (eth_createAccessList), not eth_estimateGas's search", async () => {
    const { rpc, calls } = recordingRpc();
    const [leaf] = await estimateWave(rpc, [input("L", fx.Leaf.bytecode)], new Map(), () => false);
    expect(calls).toEqual([["eth_createAccessList"]]);
    expect(leaf?.ok).toBe(true);
    // Never below what the node's own search finds, and not wildly above it.
    const needed = BigInt(await rpc.call<string>("eth_estimateGas", [{ from: from(), data: fx.Leaf.bytecode }]));
    const limit = (leaf as { result: bigint }).result;
    expect(limit).toBeGreaterThanOrEqual(needed);
    expect(limit).toBeLessThan(needed * 2n);
  });

  it("gives a tx whose gas is mostly refunded a limit that covers its gas before the refund", async () => {
    const provider = new JsonRpcProvider(devnet.url, undefined, { cacheTimeout: -1 });
    const wallet = new Wallet(devnet.accounts[2]!.privateKey, provider);
    const store = await (await wallet.sendTransaction({ data: fx.Store.bytecode })).wait();
    const to = store!.contractAddress!;
    const data = fx.Store.abi.encodeFunctionData("clear");
    const { rpc } = recordingRpc();
    const [r] = await estimateWave(rpc, [input("clear", data, to)], new Map(), () => false);
    const limit = (r as { result: bigint }).result;
    const needed = BigInt(await rpc.call<string>("eth_estimateGas", [{ from: from(), to, data }]));
    const receipt = await (await wallet.sendTransaction({ to, data, gasLimit: limit })).wait();
    expect(receipt?.status).toBe(1);
    // The refund is real: the gas paid after it is a fifth below what the tx needed while running.
    expect(receipt!.gasUsed * 5n).toBeLessThanOrEqual(needed * 4n + 5000n);
    provider.destroy();
  });

  it("reports a revert as the node's error, with its data", async () => {
    const provider = new JsonRpcProvider(devnet.url, undefined, { cacheTimeout: -1 });
    const wallet = new Wallet(devnet.accounts[2]!.privateKey, provider);
    const node = await (await wallet.sendTransaction({ data: fx.Node.bytecode + "00".repeat(32) })).wait();
    provider.destroy();
    const { rpc } = recordingRpc();
    const [r] = await estimateWave(
      rpc,
      [input("boom", fx.Node.abi.encodeFunctionData("boom"), node!.contractAddress!)],
      new Map(),
      () => false,
    );
    expect(r?.ok).toBe(false);
    expect(fx.Node.abi.parseError((r as { error: { data: string } }).error.data)?.args[0] ?? "").toBe("boom");
  });

  it("falls back to eth_estimateGas on an endpoint without eth_createAccessList, and remembers it", async () => {
    const { rpc, calls } = recordingRpc("eth_createAccessList");
    const txs = [input("A", fx.Leaf.bytecode), input("B", fx.Leaf.bytecode)];
    const first = await estimateWave(rpc, txs, new Map(), () => false);
    expect(first.every((r) => r.ok)).toBe(true);
    expect(calls).toEqual([
      ["eth_createAccessList", "eth_createAccessList"],
      ["eth_estimateGas", "eth_estimateGas"],
    ]);
    await estimateWave(rpc, txs, new Map(), () => false);
    expect(calls.at(-1)).toEqual(["eth_estimateGas", "eth_estimateGas"]);
  });

  it("takes a revert whose reason says 'does not exist' for a revert, not for a missing method", async () => {
    const reason = "execution reverted: token does not exist";
    const { rpc, calls } = recordingRpc("eth_createAccessList", { code: 3, message: reason });
    const [r] = await estimateWave(rpc, [input("A", fx.Leaf.bytecode)], new Map(), () => false);
    expect(r).toEqual({ ok: false, error: { code: 3, message: reason } });
    expect(calls).toEqual([["eth_createAccessList"]]);
  });

  it("on that fallback asks again only what went to eth_createAccessList", async () => {
    // A sender that has sent nothing, so that Child's simulated CREATE at nonce 0 lands on a fresh address.
    const sender = devnet.accounts[5]!.address;
    const leafAt = "0x1111111111111111111111111111111111111111";
    const child: EstimateInput = {
      op: { ...deployOp("C", sender, fx.Child, "L"), from: sender },
      data: fx.Child.bytecode + leafAt.slice(2).padStart(64, "0"),
      nonce: 0,
    };
    const { rpc, calls } = recordingRpc("eth_createAccessList");
    const pending = new Map([["L", { address: leafAt, code: fx.Leaf.runtime }]]);
    const res = await estimateWave(rpc, [input("A", fx.Leaf.bytecode), child], pending, () => false);
    expect(res.every((r) => r.ok)).toBe(true);
    expect(calls).toEqual([["eth_createAccessList", "eth_estimateGas"], ["eth_estimateGas"]]);
  });
});
