import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLock } from "../../src/apply/lock.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import { openState } from "../../src/state/db.js";
import type { VerifyReport } from "../../src/verify/types.js";
import { creations, fixtureCopy, w3o } from "../helpers/applyRepo.js";

let devnet: Anvil;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

const env = (account: number) => ({ W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });

describe("plan and verify after a crashed apply", () => {
  it("show the steps sent and not recorded, who left the lock and the command that finishes it; exit 1", async () => {
    const dir = await fixtureCopy();
    // Killed once the first chunk's broadcast is journaled: those txs are mined (automine), no receipt or record is journaled.
    const crashed = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], { ...env(1), W3O_TEST_CRASH_AT: "tx-sent:1" });
    expect(crashed.signal).toBe("SIGKILL");
    const sent = crashed.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; op?: string; hash?: string; address?: string })
      .filter((e) => e.type === "op-start" || e.type === "op-sent");
    const hashes = sent.filter((e) => e.type === "op-sent").map((e) => e.hash!);
    expect(hashes.length).toBeGreaterThan(0);

    const plan = await w3o(["plan", dir, "--env", "dev"], env(1));
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toMatch(/an apply was interrupted: the lock is still held by \S+@\S+ \(pid \d+\) since \d{4}-\S+: w3o apply/);
    expect(plan.stdout).toMatch(/pid \d+ is gone/);
    expect(plan.stdout).toContain(`To finish it: w3o apply ${dir} --env dev`);
    expect(plan.stdout).toContain("interrupted: sent, not recorded");
    for (const h of hashes) expect(plan.stdout).toContain(`tx ${h}`);
    expect(plan.stdout).toMatch(/↻ resume\s+Token/);
    expect(plan.stdout).not.toMatch(/\+ create\s+Token/);

    const json = JSON.parse((await w3o(["plan", dir, "--env", "dev", "--json"], env(1))).stdout) as Plan;
    const token = json.networks[0]!.steps.find((s) => s.contract === "Token")!;
    expect(token.interrupted?.map((o) => o.op)).toContain("local/Token#deploy");
    expect(token.interrupted?.find((o) => o.op === "local/Token#deploy")?.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const marked = json.networks[0]!.steps.filter((s) => s.interrupted).length;
    expect(json.summary.interrupted).toBe(marked);
    expect(json.summary.create).toBe(5 - marked);
    expect(json.interrupted?.lock?.gone).toBe(true);
    expect(json.interrupted?.finish).toBe(`w3o apply ${dir} --env dev`);

    const verify = await w3o(["verify", dir, "--env", "dev"], env(1));
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stdout).not.toContain("nothing deployed yet");
    expect(verify.stdout).toMatch(/✖ journal: an interrupted apply sent \d+ transaction\(s\) that no record covers/);
    for (const h of hashes) expect(verify.stdout).toContain(`tx ${h}`);
    expect(verify.stdout).toContain(`w3o apply ${dir} --env dev`);
    const report = JSON.parse((await w3o(["verify", dir, "--env", "dev", "--json"], env(1))).stdout) as VerifyReport;
    expect(report.ok).toBe(false);
    expect(report.interrupted?.networks[0]?.ops.length).toBe(hashes.length);

    // Neither took the lock nor wrote anything: the command they name finishes the apply, and then both are clean.
    const finished = await w3o(["apply", dir, "--env", "dev", "--yes"], env(1));
    expect(finished.code, finished.stderr).toBe(0);
    const after = await w3o(["plan", dir, "--env", "dev"], env(1));
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain("interrupted");
    expect((await w3o(["verify", dir, "--env", "dev"], env(1))).code).toBe(0);
    expect(path.isAbsolute(dir)).toBe(true);
  }, 300_000);
});

describe("apply stopped by a signal", () => {
  it.each([
    ["SIGTERM", 143, 2],
    ["SIGINT", 130, 3],
  ] as const)(
    "on %s sends nothing more, releases the lock, exits %i with what remains; the rerun creates each contract once",
    async (sig, exit, account) => {
      const dir = await fixtureCopy();
      const provider = new JsonRpcProvider(devnet.url);
      // Nothing is mined until the test says so: the signal lands while txs are in flight.
      await provider.send("evm_setAutomine", [false]);
      let signalled = false;
      const stopped = await w3o(["apply", dir, "--env", "dev", "--yes", "--json"], env(account), (out, child) => {
        if (!signalled && out.includes('"type":"op-sent"')) {
          signalled = true;
          child.kill(sig);
        }
      });
      await provider.send("evm_setAutomine", [true]);
      await provider.send("evm_mine", []);
      expect(stopped.signal).toBeNull();
      expect(stopped.code, stopped.stderr).toBe(exit);
      expect(stopped.stderr).toContain(`apply of dev interrupted by ${sig}: no new transaction was sent after it`);
      expect(stopped.stderr).toContain(`To finish: w3o apply ${dir} --env dev`);
      const last = JSON.parse(stopped.stdout.trim().split("\n").at(-1)!) as {
        type: string;
        remaining: { network: string; inFlight: { op: string; hash: string }[]; notSent: string[] }[];
      };
      expect(last.type).toBe("interrupted");
      expect(last.remaining[0]!.inFlight.length).toBeGreaterThan(0);
      // Ownership and roles wait for their contract to be mined: they were never sent.
      expect(last.remaining[0]!.notSent).toContain("local/Registry#owner");

      const state = await openState(path.join(dir, ".w3o/state.db"));
      expect(await readLock(state.db, { project: "applytest", environment: "dev" })).toBeUndefined();
      await state.close();

      const rerun = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account));
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stdout).not.toContain("took over the lock");
      const txs = await creations(devnet.url, devnet.accounts[account]!.address);
      expect(txs.filter((t) => t.kind === "create")).toHaveLength(6);
      provider.destroy();
    },
    120_000,
  );
});
