import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { parseUnits } from "ethers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ProgressEvent } from "../../src/apply/progressEvents.js";
import { Rpc } from "../../src/chains/evm/client.js";
import { Progress } from "../../src/cli/progress.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { fixtureCopy, w3o } from "../helpers/applyRepo.js";

// What apply says while it waits (progressEvents.ts), on a real anvil whose mining the tests steer:
// interval mining for confirmations, no mining at all for a stuck transaction.
let devnet: Anvil;
let rpc: Rpc;
let cacheDir: string;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  rpc = new Rpc(devnet.url);
  // A cache of its own: the first apply compiles with solc, the next ones read the cache.
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "w3o-waits-cache-"));
});
afterAll(async () => {
  await devnet?.stop();
});

const env = (account: number) => ({
  W3O_TEST_RPC_URL: devnet.url,
  W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey,
  W3O_CACHE_DIR: cacheDir,
});

/** Two independent contracts on one network: two txs in flight at once. */
async function repo(network: string): Promise<string> {
  const dir = await fixtureCopy();
  await writeFile(
    path.join(dir, "w3o.yaml"),
    `version: 1
project: waits
compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: cancun }
environments:
  dev: { networks: [local] }
networks:
  local:
    chain: ethereum
    chainId: 31337
    rpc: { env: W3O_TEST_RPC_URL }
${network}
accounts:
  deployer:
    signer: { env: W3O_TEST_DEPLOYER_KEY }
contracts:
  First:
    source: contracts/Registry.sol
    contract: Registry
    networks: [local]
    args: ["0x0000000000000000000000000000000000000001"]
  Second:
    source: contracts/Registry.sol
    contract: Registry
    networks: [local]
    args: ["0x0000000000000000000000000000000000000002"]
`,
  );
  return dir;
}

type Line = { type: string } & Record<string, unknown>;
const lines = (stdout: string): Line[] =>
  stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Line);
/** The events of this type, checked against their schema. */
const progress = <T extends ProgressEvent["type"]>(stdout: string, type: T) =>
  lines(stdout)
    .filter((e) => e.type === type)
    .map((e) => ProgressEvent.parse(e) as Extract<ProgressEvent, { type: T }>);

/**
 * Runs the CLI with mining paused (its txs sit in the pool) until `ready` says what the test waits for
 * is out, or 10 s have passed (so that code which never says it fails the test instead of hanging it).
 */
async function whilePaused(args: string[], account: number, ready: (stdout: string) => boolean) {
  await rpc.call("evm_setAutomine", [false]);
  await rpc.call("evm_setIntervalMining", [0]);
  let resumed: Promise<void> | undefined;
  const resume = () => {
    resumed ??= rpc.call("evm_setAutomine", [true]).then(() => rpc.call("evm_mine"));
  };
  const deadline = setTimeout(resume, 10_000);
  try {
    return await w3o(args, env(account), (all) => {
      if (ready(all)) resume();
    });
  } finally {
    clearTimeout(deadline);
    resume();
    await resumed;
  }
}

describe("compiling", () => {
  it("is announced in --json: what, how many sources, from the cache or not, how long", async () => {
    const dir = await repo("    confirmations: 0");
    const first = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], env(1));
    expect(first.code, first.stderr).toBe(0);
    const types = lines(first.stdout).map((e) => e.type);
    // Before the plan: compiling is what apply does first.
    expect(types.indexOf("compile-start")).toBeGreaterThanOrEqual(0);
    expect(types.indexOf("compile-start")).toBeLessThan(types.indexOf("compile-done"));
    expect(types.indexOf("compile-done")).toBeLessThan(types.indexOf("plan"));
    const [start] = progress(first.stdout, "compile-start");
    const [done] = progress(first.stdout, "compile-done");
    // Registry plus OpenZeppelin's three proxies; their sources pull in many imports.
    expect(start).toMatchObject({ contracts: 4, compiler: "0.8.28", cached: false });
    expect(start?.sources).toBeGreaterThan(4);
    expect(done).toMatchObject({ contracts: 4, sources: start?.sources, fromCache: false });

    // Nothing changed: the same sources come from the cache.
    const again = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], env(1));
    expect(again.code, again.stderr).toBe(0);
    expect(progress(again.stdout, "compile-start")).toMatchObject([{ cached: true }]);
    expect(progress(again.stdout, "compile-done")).toMatchObject([{ fromCache: true }]);
  });
});

describe("confirmations", () => {
  it("says N of M while receipts are not deep enough, once per change, not once per poll", async () => {
    const dir = await repo("    confirmations: 2");
    await rpc.call("evm_setAutomine", [false]);
    await rpc.call("evm_setIntervalMining", [1]);
    try {
      const run = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], env(2));
      expect(run.code, run.stderr).toBe(0);
      const waiting = progress(run.stdout, "waiting");
      expect(waiting.length).toBeGreaterThan(0);
      for (const w of waiting) expect(w).toMatchObject({ network: "local", required: 2 });
      const sent = lines(run.stdout).filter((e) => e.type === "op-sent");
      const depths = waiting.flatMap((w) => w.txs.map((t) => t.confirmations));
      // Mined one block deep, then done at the second: "1 of 2" was said, never "2 of 2".
      expect(depths).toContain(1);
      expect(Math.max(...depths)).toBe(1);
      for (const t of waiting.flatMap((w) => w.txs)) expect(sent.map((e) => e.hash)).toContain(t.hash);
      // Polled every 10 ms for about two blocks: each event is a change from the one before.
      for (let i = 1; i < waiting.length; i++) expect(waiting[i]).not.toEqual(waiting[i - 1]);
      expect(waiting.length).toBeLessThanOrEqual(6);
    } finally {
      await rpc.call("evm_setIntervalMining", [0]);
      await rpc.call("evm_setAutomine", [true]);
    }
  });
});

describe("a mined transaction not yet deep enough", () => {
  it("is never taken for stuck: one tx-signed per op in the journal, no replacement", async () => {
    const dir = await repo("    confirmations: 3");
    await rpc.call("evm_setAutomine", [false]);
    await rpc.call("evm_setIntervalMining", [1]);
    try {
      // Mined, then about two blocks (seconds) with an empty pool: the devnet's wedge check looks at it meanwhile.
      const run = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], env(6));
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run.stdout).filter((e) => e.type === "op-replaced")).toEqual([]);
      const db = new Database(path.join(dir, ".w3o/state.db"), { readonly: true });
      try {
        const signed = db.prepare("SELECT step, COUNT(*) AS n FROM journal WHERE type = 'tx-signed' GROUP BY step ORDER BY step").all() as {
          step: string;
          n: number;
        }[];
        const ops = lines(run.stdout)
          .filter((e) => e.type === "op-sent")
          .map((e) => e.op as string);
        expect(signed.map((r) => r.step)).toEqual([...new Set(ops)].sort());
        expect(signed.map((r) => r.n)).toEqual(signed.map(() => 1));
      } finally {
        db.close();
      }
    } finally {
      await rpc.call("evm_setIntervalMining", [0]);
      await rpc.call("evm_setAutomine", [true]);
    }
  });
});

describe("a stuck transaction", () => {
  it("says since when, when it will be bumped and to what fee; the bump then comes at that fee", async () => {
    const dir = await repo("    confirmations: 0");
    // Once both txs were said stuck and then bumped, mining goes on.
    const run = await whilePaused(["apply", dir, "--env", "dev", "--yes", "--json"], 3, (all) => all.split('"op-replaced"').length > 2);
    expect(run.code, run.stderr).toBe(0);
    const stuck = progress(run.stdout, "tx-stuck");
    expect(stuck.length).toBeGreaterThan(0);
    const sent = lines(run.stdout).filter((e) => e.type === "op-sent") as (Line & { op: string; hash: string; nonce: number })[];
    const replaced = lines(run.stdout).filter((e) => e.type === "op-replaced") as (Line & { op: string; maxFeePerGas: string })[];
    for (const s of stuck) {
      const original = sent.find((e) => e.hash === s.hash)!;
      expect(original, "the stuck hash is one that was sent").toBeDefined();
      expect(s).toMatchObject({ network: "local", op: original.op, nonce: original.nonce, capped: false });
      // Devnets replace after gas.stuckAfter 2s: the notice comes at half of it and names the time.
      expect(Date.parse(s.bumpAt!) - Date.parse(s.since)).toBe(2000);
      const bump = replaced.find((r) => r.op === s.op);
      expect(bump, `${s.op} was bumped`).toBeDefined();
      expect(parseUnits(s.bumpToGwei!, "gwei").toString()).toBe(bump!.maxFeePerGas);
      expect(BigInt(bump!.maxFeePerGas)).toBeGreaterThan(parseUnits(s.feeGwei, "gwei"));
    }
    // Said once per hash.
    expect(new Set(stuck.map((s) => s.hash)).size).toBe(stuck.length);
  });

  it("at the fee cap, says it will not be bumped", async () => {
    // The first fee is already the cap (gas.maxFeeGwei): no replacement fits under it.
    const dir = await repo("    confirmations: 0\n    gas: { maxFeeGwei: 1 }");
    const run = await whilePaused(["apply", dir, "--env", "dev", "--yes", "--json"], 4, (all) => all.includes('"tx-stuck"'));
    expect(run.code, run.stderr).toBe(0);
    const stuck = progress(run.stdout, "tx-stuck");
    expect(stuck.length).toBeGreaterThan(0);
    for (const s of stuck) {
      expect(s).toMatchObject({ capped: true, maxFeeGwei: 1, feeGwei: "1.0" });
      expect(s).not.toHaveProperty("bumpAt");
    }
  });
});

describe("on a terminal", () => {
  it("says in words what apply compiles and waits for, and when a stuck tx is bumped", async () => {
    const dir = await repo("    confirmations: 0");
    const run = await whilePaused(["apply", dir, "--env", "dev", "--yes"], 5, (all) => all.includes("stuck for"));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/(compiled 4 contracts|4 contracts unchanged: compiled code from the cache) \([\d.]+ m?s\)/);
    expect(run.stdout).toMatch(/… waiting for 2 transactions to be mined/);
    expect(run.stdout).toMatch(
      /⧗ tx 0x[0-9a-f]{8}… \(nonce \d+, local\/(First|Second)#deploy\) stuck for \d+\.\d s at [\d.]+ gwei; bumping to [\d.]+ gwei at \d\d:\d\d:\d\d/,
    );
  });
});

describe("the terminal lines", () => {
  /** What Progress prints (no terminal: plain lines) for these events. */
  const render = (events: ProgressEvent[]) => {
    let text = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk);
      return true;
    });
    try {
      const p = new Progress(false);
      for (const e of events) p.on(e);
    } finally {
      spy.mockRestore();
    }
    return text;
  };
  const tx = (op: string, confirmations: number) => ({ op, hash: `0x${"ab".repeat(32)}`, nonce: 7, confirmations });

  it("say what solc compiles and how long it took", () => {
    const what = { contracts: 5, sources: 12, compiler: "0.8.28" };
    expect(
      render([
        { type: "compile-start", ...what, cached: false },
        { type: "compile-done", ...what, fromCache: false, durationMs: 3240, warnings: 1 },
      ]),
    ).toBe("compiling 12 sources (5 contracts) with solc 0.8.28…\ncompiled 5 contracts (3.2 s, 1 warning(s))\n");
  });

  it("say N of M confirmations, grouped when the txs differ", () => {
    const waiting = (txs: ReturnType<typeof tx>[]) => ({ type: "waiting" as const, network: "mainnet", required: 3, txs });
    expect(render([waiting([tx("mainnet/A#deploy", 1)])])).toBe(
      `  … waiting for tx 0x${"ab".repeat(4)}… (mainnet/A#deploy): 1 of 3 confirmations\n`,
    );
    expect(render([waiting([tx("a", 0), tx("b", 2), tx("c", 0)])])).toBe(
      "  … waiting for 3 transactions: 2 at 0 of 3, 1 at 2 of 3 confirmations\n",
    );
  });

  it("say that a tx at the fee cap is not bumped", () => {
    const since = new Date(Date.now() - 30_000).toISOString();
    const line = render([
      {
        type: "tx-stuck",
        network: "mainnet",
        op: "mainnet/A#deploy",
        hash: `0x${"cd".repeat(32)}`,
        nonce: 7,
        since,
        feeGwei: "80.0",
        capped: true,
        maxFeeGwei: 80,
      },
    ]);
    expect(line).toMatch(
      /^ {2}⧗ tx 0xcdcdcdcd… \(nonce 7, mainnet\/A#deploy\) stuck for 30\.\d s at 80 gwei; the fee cap \(gas.maxFeeGwei 80\) leaves no room: not bumped, it waits\n$/,
    );
  });
});
