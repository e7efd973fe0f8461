import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExecOptions, execute } from "../../src/apply/executor.js";
import { Journal, reduceJournal } from "../../src/apply/journal.js";
import { ForeignPendingTxError } from "../../src/apply/nonces.js";
import { ReconcileError } from "../../src/apply/reconcile.js";
import { SignerPool } from "../../src/apply/signers.js";
import { Rpc } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { createSigner, type Signer } from "../../src/signers/index.js";
import { openState, type State } from "../../src/state/db.js";
import { compileFixtures, deployOp } from "../helpers/ops.js";

let devnet: Anvil;
let state: State;
let signer: Signer;
const fx = compileFixtures();

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  state = await openState(path.join(await mkdtemp(path.join(os.tmpdir(), "w3o-exec-")), "state.db"));
  signer = await createSigner({ devnet: 1 }, { env: {}, chainId: 31337, repoDir: "." });
});
afterAll(async () => {
  await state?.close();
  await devnet?.stop();
});

const options = (network: string, rpc = new Rpc(devnet.url)): ExecOptions => ({
  rpc,
  journal: new Journal(state.db, { project: "t", environment: "dev", network }),
  chainId: 31337,
  signers: SignerPool.of([signer]),
  gas: { bumpPercent: 12, stuckAfterMs: 60_000 },
  maxInFlight: 64,
  confirmations: 0,
  pollMs: 20,
});

/** An Rpc that records the methods of every batch it sends. */
function recordingRpc() {
  const calls: string[][] = [];
  const rpc = new (class extends Rpc {
    override batch<T>(c: { method: string; params: unknown[] }[]) {
      calls.push(c.map((x) => x.method));
      return super.batch<T>(c);
    }
  })(devnet.url);
  return { rpc, calls };
}

describe("executor", () => {
  it("pipelines a dependency chain in one wave, with dependents wired to predicted addresses", async () => {
    const from = signer.address;
    const ops = [
      deployOp("A", from, fx.Leaf),
      deployOp("B", from, fx.Node, "A"),
      deployOp("C", from, fx.Node, "B"),
      deployOp("D", from, fx.Leaf),
    ];
    const rpc = new Rpc(devnet.url);
    const results = await execute(ops, options("chain", rpc));
    expect([...results.values()].map((r) => r.status)).toEqual(["done", "done", "done", "done"]);
    const provider = new JsonRpcProvider(devnet.url);
    const b = new Contract(results.get("B")!.address!, fx.Node.abi, provider);
    const c = new Contract(results.get("C")!.address!, fx.Node.abi, provider);
    expect(await b.getFunction("parent")()).toBe(results.get("A")!.address);
    expect(await c.getFunction("parent")()).toBe(results.get("B")!.address);
    // Nonce sync, fees, estimate, send, receipts: a handful of requests, not several per contract.
    expect(rpc.httpRequests).toBeLessThanOrEqual(8);
    provider.destroy();
  });

  it("sends a dependent whose constructor calls its dependency in the same wave, estimated against the code it will find", async () => {
    // Leaf takes the sender's current nonce: estimating Child there would collide with Leaf's predicted
    // address unless the estimate also moves the sender's nonce to Child's own.
    const { rpc, calls } = recordingRpc();
    const from = signer.address;
    const results = await execute([deployOp("L", from, fx.Leaf), deployOp("C", from, fx.Child, "L")], options("calls-dep", rpc));
    expect(results.get("C")?.status).toBe("done");
    const provider = new JsonRpcProvider(devnet.url);
    expect(await new Contract(results.get("C")!.address!, fx.Child.abi, provider).getFunction("seen")()).toBe(1n);
    provider.destroy();
    const count = (m: string) => calls.filter((c) => c.includes(m)).length;
    expect(count("eth_estimateGas")).toBe(1);
    expect(count("eth_sendRawTransaction")).toBe(1);
  });

  it("pipelines a large wave in chunks: dependents across chunks, a revert leaves no nonce gap", async () => {
    const { rpc, calls } = recordingRpc();
    const from = signer.address;
    const boom = {
      ...deployOp("Boom", from, fx.Leaf),
      kind: "call" as const,
      needs: ["N"],
      build: (addressOf: (id: string) => string) => ({ to: addressOf("N"), data: fx.Node.abi.encodeFunctionData("boom"), parts: {} }),
    };
    const leaves = Array.from({ length: 18 }, (_, i) => deployOp(`L${i}`, from, fx.Leaf));
    const children = leaves.map((_, i) => deployOp(`C${i}`, from, fx.Child, `L${i}`));
    const ops = [...leaves, deployOp("N", from, fx.Node, "L0"), boom, ...children, deployOp("After", from, fx.Node, "Boom")];
    const provider = new JsonRpcProvider(devnet.url, undefined, { cacheTimeout: -1 });
    const nonceBefore = await provider.getTransactionCount(from);
    const results = await execute(ops, options("chunks", rpc));

    expect(results.get("Boom")?.status).toBe("failed");
    expect(results.get("Boom")?.message).toContain('Error("boom")');
    expect(results.get("After")?.status).toBe("blocked");
    const done = [...results.values()].filter((r) => r.status === "done");
    expect(done).toHaveLength(37); // N, 18 leaves, 18 children
    // Every sent tx was mined, in nonce order, with no gap a reverted estimate could have left.
    expect(await provider.getTransactionCount(from)).toBe(nonceBefore + 37);
    expect(done.map((r) => r.nonce).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 37 }, (_, i) => nonceBefore + i));
    for (let i = 0; i < 18; i++) {
      const child = new Contract(results.get(`C${i}`)!.address!, fx.Child.abi, provider);
      expect(await child.getFunction("seen")()).toBe(1n);
    }
    provider.destroy();
    // 39 ops in four chunks: at most four broadcasts (chunks signed during one go out together), not one
    // per contract; Boom, deferred while N was unmined, is estimated once more on its own before it is reported.
    expect(calls.filter((c) => c.includes("eth_sendRawTransaction")).length).toBeLessThanOrEqual(4);
    const gasCalls = (c: string[]) => c.filter((m) => m === "eth_estimateGas" || m === "eth_createAccessList").length;
    expect(calls.filter((c) => gasCalls(c) > 0).length).toBeLessThanOrEqual(6);
    // The wave really was chunked: its 38 ops (After waits for Boom, a call that gives no address) were
    // priced in four batches.
    expect(
      calls
        .filter((c) => gasCalls(c) > 0)
        .slice(0, 4)
        .map(gasCalls),
    ).toEqual([10, 10, 10, 8]);
  });

  it("does nothing on a second run: the journal says it is done", async () => {
    const from = signer.address;
    const ops = [deployOp("A", from, fx.Leaf), deployOp("B", from, fx.Node, "A")];
    const first = await execute(ops, options("again"));
    const second = await execute(ops, options("again"));
    expect(second.get("B")?.resumed).toBe(true);
    expect(second.get("B")?.address).toBe(first.get("B")?.address);
  });

  it("stops before any tx when the repo now asks for something else than what ran", async () => {
    const from = signer.address;
    await execute([deployOp("X", from, fx.Leaf)], options("changed"));
    const err = await execute([deployOp("X", from, fx.Node, undefined)], options("changed")).catch((e) => e);
    expect(err).toBeInstanceOf(ReconcileError);
    expect(err.message).toMatch(/X: deploy X .*now different code/);
    expect(err.message).toContain("w3o apply --redeploy X");
  });

  it("reports a revert with its decoded reason and does not send dependents", async () => {
    const from = signer.address;
    const boom = {
      ...deployOp("Boom", from, fx.Leaf),
      kind: "call" as const,
      needs: ["N"],
      build: (addressOf: (id: string) => string) => ({
        to: addressOf("N"),
        data: fx.Node.abi.encodeFunctionData("boom"),
        parts: { call: "boom()" },
      }),
    };
    const results = await execute(
      [deployOp("L", from, fx.Leaf), deployOp("N", from, fx.Node, "L"), boom, deployOp("After", from, fx.Node, "Boom")],
      options("revert"),
    );
    expect(results.get("Boom")?.status).toBe("failed");
    expect(results.get("Boom")?.message).toContain('Error("boom")');
    expect(results.get("After")?.status).toBe("blocked");
  });

  it("reports a tx that passed estimation but reverted on chain, with the hash and the reason replayed at its block", async () => {
    // Both calls estimate fine against N as it will be; mined in nonce order, the second finds once() used.
    const from = signer.address;
    const once = (id: string) => ({
      ...deployOp(id, from, fx.Leaf),
      kind: "call" as const,
      needs: ["N"],
      build: (addressOf: (id: string) => string) => ({
        to: addressOf("N"),
        data: fx.Node.abi.encodeFunctionData("once"),
        parts: { call: id },
      }),
    });
    const results = await execute(
      [deployOp("L", from, fx.Leaf), deployOp("N", from, fx.Node, "L"), once("O1"), once("O2")],
      options("mined-revert"),
    );
    expect(results.get("O1")?.status).toBe("done");
    const failed = results.get("O2");
    expect(failed?.status).toBe("failed");
    expect(failed?.message).toMatch(/^reverted in tx 0x[0-9a-f]{64}: Error\("used"\)$/);
    expect(failed?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("replaces a stuck tx with the same nonce at fees bumped by at least 10%, and settles on the one mined", async () => {
    const provider = new JsonRpcProvider(devnet.url);
    await provider.send("evm_setAutomine", [false]);
    try {
      const o = { ...options("stuck"), gas: { bumpPercent: 12, stuckAfterMs: 150 } };
      const run = execute([deployOp("S", signer.address, fx.Leaf)], o);
      // Let it send and replace at least once, then mine.
      await new Promise((r) => setTimeout(r, 700));
      await provider.send("evm_setAutomine", [true]);
      await provider.send("evm_mine", []);
      const results = await run;
      const step = reduceJournal(await o.journal.load()).steps.get("S")!;
      expect(step.txs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(step.txs.map((t) => t.nonce)).size).toBe(1);
      const [first, second] = step.txs;
      expect(BigInt(second!.maxFeePerGas) * 100n).toBeGreaterThanOrEqual(BigInt(first!.maxFeePerGas) * 112n);
      expect(BigInt(second!.maxPriorityFeePerGas) * 100n).toBeGreaterThanOrEqual(BigInt(first!.maxPriorityFeePerGas) * 112n);
      expect(step.txs.map((t) => t.hash)).toContain(results.get("S")!.txHash);
      expect(await provider.getCode(results.get("S")!.address!)).not.toBe("0x");
    } finally {
      await provider.send("evm_setAutomine", [true]);
      provider.destroy();
    }
  });

  it("on a devnet, replaces txs its pool no longer holds ready at once, not after stuckAfter", async () => {
    const provider = new JsonRpcProvider(devnet.url, undefined, { cacheTimeout: -1 });
    await provider.send("evm_setAutomine", [false]);
    try {
      const sent = new Map<string, string>();
      let allSent!: () => void;
      const three = new Promise<void>((r) => {
        allSent = r;
      });
      const o: ExecOptions = {
        ...options("wedge"),
        devnet: true,
        onEvent: (e) => {
          if (e.type === "op-sent") sent.set(e.op, e.hash);
          if (sent.size === 3) allSent();
        },
      };
      const from = signer.address;
      const run = execute([deployOp("W1", from, fx.Leaf), deployOp("W2", from, fx.Leaf), deployOp("W3", from, fx.Leaf)], o);
      await three;
      // The node loses the lowest tx (anvil drops its dependents with it); stuckAfter (60 s) is far off.
      await provider.send("anvil_dropTransaction", [sent.get("W1")]);
      await provider.send("evm_setAutomine", [true]);
      const t0 = Date.now();
      const results = await run;
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect([...results.values()].map((r) => r.status)).toEqual(["done", "done", "done"]);
      const step = reduceJournal(await o.journal.load()).steps.get("W1")!;
      expect(step.txs.length).toBeGreaterThanOrEqual(2);
      expect(step.txs.map((t) => t.hash)).toContain(results.get("W1")!.txHash);
    } finally {
      await provider.send("evm_setAutomine", [true]);
      provider.destroy();
    }
  });

  it("refuses to start when someone else's txs from the same account are pending", async () => {
    const provider = new JsonRpcProvider(devnet.url);
    await provider.send("evm_setAutomine", [false]);
    try {
      const { Wallet } = await import("ethers");
      const other = new Wallet(devnet.accounts[1]!.privateKey, provider);
      await other.sendTransaction({ to: other.address, value: 1n });
      const err = await execute([deployOp("P", signer.address, fx.Leaf)], options("foreign")).catch((e) => e);
      expect(err).toBeInstanceOf(ForeignPendingTxError);
      expect(err.message).toMatch(/1 pending transaction\(s\) that this apply did not send/);
      const events = await new Journal(state.db, { project: "t", environment: "dev", network: "foreign" }).load();
      expect(reduceJournal(events).steps.size).toBe(0);
    } finally {
      await provider.send("evm_setAutomine", [true]);
      await provider.send("evm_mine", []);
      provider.destroy();
    }
  });
});
