import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import { creations, fixtureCopy, type Run, w3o } from "../helpers/applyRepo.js";
import { type FaultProxy, faultProxy, randomFaults } from "../helpers/faultProxy.js";

/**
 * Exactly-once under faults: apply and resume through an endpoint that drops connections, delays,
 * rate-limits, fails with 5xx and answers JSON-RPC internal errors — before or after the node executed
 * the calls, on any method — combined with SIGKILL at random points. After convergence every declared
 * contract and implementation was created exactly once on chain, and the record matches the chain.
 */

let devnet: Anvil;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0, accounts: 40 });
});
afterAll(async () => {
  await devnet?.stop();
});

let nextAccount = 1;
const env = (account: number, url: string) => ({ W3O_TEST_RPC_URL: url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });

/** Messages a transient fault must never turn into: a revert, a refused tx, a balance hint, an internal error. */
const MISREPORTS = /would revert|reverted without a reason|Check the deployer's balance|not known yet|this is a bug|internal:/;

/** A run either converged or said that the endpoint failed: anything else is a misreport. */
function expectHonest(run: Run) {
  expect(run.stderr + run.stdout).not.toMatch(MISREPORTS);
  if (run.code !== 0 && !run.signal)
    expect(run.stderr, run.stdout).toMatch(/RPC endpoint of network "local" \(http:\/\/127\.0\.0\.1:\d+\/?\) failed \d+ times|locked by/);
}

/** Runs apply until it completes (a crashed run leaves a lock that is released first), at most `max` runs. */
async function converge(dir: string, account: number, url: string, max = 6): Promise<Run[]> {
  const runs: Run[] = [];
  for (let i = 0; i < max; i++) {
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account, url));
    runs.push(run);
    expectHonest(run);
    if (run.code === 0) return runs;
    if (/locked by/.test(run.stderr)) await w3o(["unlock", dir, "--env", "dev"], {});
  }
  throw new Error(`apply did not converge in ${max} runs:\n${runs.map((r) => r.stderr).join("\n---\n")}`);
}

async function planOf(dir: string, account: number): Promise<Plan> {
  const run = await w3o(["plan", dir, "--env", "dev", "--json"], env(account, devnet.url));
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Plan;
}

describe("apply under RPC faults and SIGKILL", () => {
  it("does not deploy again when the first receipt lookup after a crash fails (30 contracts sent, all mined)", async () => {
    const account = nextAccount++;
    const dir = await fixtureCopy();
    const contracts = Array.from(
      { length: 30 },
      (_, i) =>
        `  C${i}:\n    source: contracts/Registry.sol\n    contract: Registry\n    networks: [local]\n    args: ["0x${(i + 1).toString(16).padStart(40, "0")}"]`,
    );
    const yaml = path.join(dir, "w3o.yaml");
    const head = (await readFile(yaml, "utf8")).split("contracts:\n")[0];
    await writeFile(yaml, `${head}contracts:\n${contracts.join("\n")}\n`);

    // Killed once all 30 are sent and before any receipt is journaled.
    const crashed = await w3o(["apply", dir, "--env", "dev", "--yes"], { ...env(account, devnet.url), W3O_TEST_CRASH_AT: "tx-sent:30" });
    expect(crashed.signal).toBe("SIGKILL");
    expect(await creations(devnet.url, devnet.accounts[account]!.address)).toHaveLength(30);
    await w3o(["unlock", dir, "--env", "dev"], {});

    // The resumed run's first receipt batch is answered with internal errors, after the node saw it.
    let first = true;
    const proxy = await faultProxy(devnet.url, ({ methods }) => {
      if (!first || !methods.includes("eth_getTransactionReceipt")) return undefined;
      first = false;
      return "rpc-internal-after";
    });
    try {
      const resumed = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account, proxy.url));
      expect(proxy.injected.map((i) => i.fault)).toEqual(["rpc-internal-after"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).not.toMatch(/used by another transaction|voided/);
    } finally {
      await proxy.close();
    }
    expect(await creations(devnet.url, devnet.accounts[account]!.address)).toHaveLength(30);
    const plan = await planOf(dir, account);
    expect(plan.networks[0]!.steps.every((s) => s.action === "noop")).toBe(true);
  });

  it.each([["eth_createAccessList", "eth_estimateGas"], ["eth_sendRawTransaction"], ["eth_getTransactionCount"]])(
    "reports a persistent internal error on %s as the endpoint failing, and sends nothing twice",
    async (...methods) => {
      const account = nextAccount++;
      const dir = await fixtureCopy();
      const proxy = await faultProxy(devnet.url, ({ methods: m }) =>
        m.some((x) => methods.includes(x)) ? { fault: "rpc-internal-after", only: methods } : undefined,
      );
      try {
        const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account, proxy.url));
        expect(run.code).toBe(1);
        expect(run.stderr).not.toMatch(MISREPORTS);
        expect(run.stderr).toMatch(
          new RegExp(
            `the RPC endpoint of network "local" \\(${proxy.url}\\/?\\) failed 6 times: (${methods.join("|")}) answered "Internal error" \\(code -32603\\)`,
          ),
        );
      } finally {
        await proxy.close();
      }
      // The sends the endpoint answered with errors did reach the node: the next run settles them, deploying nothing twice.
      await w3o(["unlock", dir, "--env", "dev"], {});
      const again = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account, devnet.url));
      expect(again.code, again.stderr).toBe(0);
      const txs = await creations(devnet.url, devnet.accounts[account]!.address);
      expect(txs.filter((t) => t.kind === "create")).toHaveLength(6);
    },
  );

  it("converges with every contract created exactly once, over many seeds of faults and kills", async () => {
    const crashPoints = fc.oneof(
      fc.constant(undefined),
      fc.tuple(fc.constantFrom("intent", "tx-signed", "tx-sent", "receipt", "record"), fc.integer({ min: 1, max: 6 })),
    );
    const runs = Number(process.env.W3O_FAULT_RUNS ?? 8);
    const seen = { faults: new Map<string, number>(), kills: 0, applies: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.05, max: 0.3, noNaN: true }),
        crashPoints,
        async (seed, rate, crash) => {
          const account = nextAccount++;
          const dir = await fixtureCopy();
          // A salt of its own, so that this run's CREATE2 address is not one an earlier run deployed.
          const yaml = path.join(dir, "w3o.yaml");
          await writeFile(yaml, (await readFile(yaml, "utf8")).replace("salt: salted-v1", `salt: salted-${seed}`));
          const proxy: FaultProxy = await faultProxy(devnet.url, randomFaults(rate), seed);
          try {
            if (crash) {
              const killed = await w3o(["apply", dir, "--env", "dev", "--yes"], {
                ...env(account, proxy.url),
                W3O_TEST_CRASH_AT: crash.join(":"),
              });
              expectHonest(killed);
              seen.applies++;
              if (killed.signal === "SIGKILL") {
                seen.kills++;
                await w3o(["unlock", dir, "--env", "dev"], {});
              }
            }
            seen.applies += (await converge(dir, account, proxy.url)).length;
          } finally {
            await proxy.close();
            for (const { fault } of proxy.injected) seen.faults.set(fault, (seen.faults.get(fault) ?? 0) + 1);
          }
          // 6 CREATEs (Token, Registry, Box and Vault implementations and proxies) and Salted through the CREATE2 factory.
          const txs = await creations(devnet.url, devnet.accounts[account]!.address);
          expect(txs.filter((t) => t.kind === "create")).toHaveLength(6);
          expect(txs.filter((t) => t.kind === "create2")).toHaveLength(1);
          // The record matches the chain: nothing to do, nothing drifted, and w3o verify agrees.
          const plan = await planOf(dir, account);
          expect(plan.networks[0]!.steps.map((s) => s.action)).toEqual(["noop", "noop", "noop", "noop", "noop"]);
          const verify = await w3o(["verify", dir, "--env", "dev"], env(account, devnet.url));
          expect(verify.code, verify.stdout + verify.stderr).toBe(0);
        },
      ),
      { numRuns: runs, seed: Number(process.env.W3O_FAULT_SEED ?? 20261202), endOnFailure: true },
    );
    // The suite proves something only if faults and kills really happened, of every kind.
    console.log(`${runs} seeds, ${seen.applies} applies, ${seen.kills} killed, faults injected:`, Object.fromEntries(seen.faults));
    expect(seen.faults.size).toBe(7);
    expect(seen.kills).toBeGreaterThan(0);
  }, 600_000);
});
