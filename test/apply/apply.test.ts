import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock } from "../../src/apply/lock.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import { openState } from "../../src/state/db.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { creations, fixtureCopy, w3o } from "../helpers/applyRepo.js";

let devnet: Anvil;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

/** Each test deploys from its own dev account, so nonces and creation counts do not mix. */
const env = (account: number) => ({ W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });
const record = async (dir: string) => JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;
const planOf = async (dir: string, account: number) => {
  const run = await w3o(["plan", dir, "--env", "dev", "--json"], env(account));
  return JSON.parse(run.stdout) as Plan;
};
const actions = (plan: Plan) => Object.fromEntries(plan.networks[0]!.steps.map((s) => [s.contract, s.action]));
/** Token, Registry, Box (impl + proxy), Vault (impl + proxy) as CREATEs; Salted through the CREATE2 factory. */
const CREATES = 6;
/**
 * Exactly once each: 6 CREATEs, and at most one factory call, because Salted's CREATE2 address is the
 * same for every deployer: once any test deployed it, apply finds its code there and adopts it.
 */
async function expectDeployedOnce(account: number) {
  const txs = await creations(devnet.url, devnet.accounts[account]!.address);
  expect(txs.filter((t) => t.kind === "create")).toHaveLength(CREATES);
  expect(txs.filter((t) => t.kind === "create2").length).toBeLessThanOrEqual(1);
}

describe("w3o apply on anvil", () => {
  it("applies, verifies and records; the next plan is all noop; the key appears nowhere", async () => {
    const dir = await fixtureCopy();
    const key = devnet.accounts[1]!.privateKey;
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(1));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Plan: 5 to create");
    expect(run.stdout).toMatch(/Box verified/);
    expect(run.stdout).toContain("Apply complete");

    const rec = await record(dir);
    expect(Object.keys(rec.contracts).sort()).toEqual(["Box", "Registry", "Salted", "Token", "Vault"]);
    expect(rec.contracts.Registry!.args).toEqual([rec.contracts.Token!.address]);
    expect(rec.contracts.Registry!.owner).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(rec.contracts.Box!.proxy?.kind).toBe("uups");
    expect(rec.contracts.Vault!.proxy?.adminOwner).toBe(devnet.accounts[1]!.address);
    expect(rec.contracts.Token!.roles?.MINTER_ROLE).toEqual(["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"]);
    const plan = await planOf(dir, 1);
    expect(Object.values(actions(plan))).toEqual(["noop", "noop", "noop", "noop", "noop"]);
    expect(await creations(devnet.url, devnet.accounts[1]!.address)).toHaveLength(CREATES + 1);

    // The key, with or without 0x, in the outputs, the record and every byte of the state database (WAL included).
    const body = key.slice(2).toLowerCase();
    const stateFiles = (await readdir(path.join(dir, ".w3o"))).map((f) => path.join(dir, ".w3o", f));
    const blobs = [run.stdout, run.stderr, await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")];
    for (const f of stateFiles) blobs.push((await readFile(f)).toString("latin1"));
    for (const b of blobs) expect(b.toLowerCase()).not.toContain(body);
    expect(stateFiles.some((f) => f.endsWith("state.db"))).toBe(true);

    // Upgrade: a compatible change (a variable appended) upgrades both proxies in place.
    const src = path.join(dir, "contracts/Box.sol");
    const v1 = await readFile(src, "utf8");
    await writeFile(src, v1.replace("uint256 public value;", "uint256 public value;\n    uint256 public extra;"));
    const planned = await planOf(dir, 1);
    expect(actions(planned)).toMatchObject({ Box: "update", Vault: "update", Token: "noop" });
    const up = await w3o(["apply", dir, "--env", "dev", "--yes"], env(1));
    expect(up.code, up.stderr).toBe(0);
    const after = await record(dir);
    expect(after.contracts.Box!.address).toBe(rec.contracts.Box!.address);
    expect(after.contracts.Box!.proxy!.implementation.address).not.toBe(rec.contracts.Box!.proxy!.implementation.address);
    const provider = new JsonRpcProvider(devnet.url);
    const slot = await provider.getStorage(
      after.contracts.Box!.address,
      "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc",
    );
    expect(BigInt(slot)).toBe(BigInt(after.contracts.Box!.proxy!.implementation.address));
    provider.destroy();
    expect(Object.values(actions(await planOf(dir, 1)))).toEqual(["noop", "noop", "noop", "noop", "noop"]);

    // An incompatible layout (a variable inserted before `value`) is refused with upgrades-core's report.
    await writeFile(src, v1.replace("uint256 public value;", "address public first;\n    uint256 public value;"));
    const bad = await w3o(["apply", dir, "--env", "dev", "--yes"], env(1));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not storage-compatible/);
    expect(bad.stderr).toMatch(/value|first/);
  });

  it("refuses a plan file made before the inputs changed", async () => {
    const dir = await fixtureCopy();
    const planFile = path.join(dir, "plan.json");
    expect((await w3o(["plan", dir, "--env", "dev", "--out", planFile], env(2))).code).toBe(0);
    const yaml = path.join(dir, "w3o.yaml");
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace('"Test", "TST"', '"Test2", "TST"'));
    const run = await w3o(["apply", dir, "--env", "dev", "--plan", planFile], env(2));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plan.json is stale/);
    expect(await creations(devnet.url, devnet.accounts[2]!.address)).toHaveLength(0);
  });

  it("names the lock holder to a second apply, and proceeds once it is released", async () => {
    const dir = await fixtureCopy();
    const state = await openState(path.join(dir, ".w3o/state.db"));
    const lock = await acquireLock(state.db, { project: "applytest", environment: "dev" }, "w3o apply --env dev (test)");
    const blocked = await w3o(["apply", dir, "--env", "dev", "--yes"], env(3));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(new RegExp(`locked by \\S+@\\S+ \\(pid ${process.pid}\\) since \\d{4}-`));
    expect(blocked.stderr).toContain("w3o apply --env dev (test)");
    await lock.release();
    await state.close();
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(3));
    expect(run.code, run.stderr).toBe(0);
  });

  it("lets exactly one of two concurrent applies run; the other gets the lock error", async () => {
    const dir = await fixtureCopy();
    const provider = new JsonRpcProvider(devnet.url);
    // Without automine the first apply waits on its receipts, holding the lock, while the second starts.
    await provider.send("evm_setAutomine", [false]);
    let sent!: () => void;
    const firstSent = new Promise<void>((r) => {
      sent = r;
    });
    const first = w3o(["apply", dir, "--env", "dev", "--yes"], env(4), (out) => out.includes("sent 0x") && sent());
    await firstSent;
    const second = await w3o(["apply", dir, "--env", "dev", "--yes"], env(4));
    await provider.send("evm_setAutomine", [true]);
    await provider.send("evm_mine", []);
    const one = await first;
    provider.destroy();
    expect(one.code, one.stderr).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/environment "dev" of applytest is locked by/);
    await expectDeployedOnce(4);
  });

  it.each([
    ["intent:1", 5],
    ["tx-signed:3", 6],
    ["tx-sent:2", 7],
    ["receipt:4", 8],
  ])("converges after SIGKILL at %s, deploying every contract exactly once", async (point, account) => {
    const dir = await fixtureCopy();
    const crashed = await w3o(["apply", dir, "--env", "dev", "--yes"], { ...env(account), W3O_TEST_CRASH_AT: point });
    expect(crashed.signal).toBe("SIGKILL");
    expect(crashed.pid).toBeGreaterThan(0);

    // The dead apply still holds the lock; it ran on this host and its pid is gone, so the next apply takes it over and says so.
    const resumed = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account));
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`took over the lock of pid ${crashed.pid}, which is gone \\(\\S+@\\S+ since \\d{4}-`));
    await expectDeployedOnce(account);
    expect(Object.values(actions(await planOf(dir, account)))).toEqual(["noop", "noop", "noop", "noop", "noop"]);
  });

  it("replaces a changed plain contract only when asked, with --redeploy, and leaves every other contract alone", async () => {
    const dir = await fixtureCopy();
    expect((await w3o(["apply", dir, "--env", "dev", "--yes"], env(9))).code).toBe(0);
    const before = await record(dir);
    const config = path.join(dir, "w3o.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace('args: ["Test", "TST",', 'args: ["Test v2", "TST",'));

    expect(actions(await planOf(dir, 9))).toMatchObject({ Token: "replace", Registry: "noop", Box: "noop" });
    const unasked = await w3o(["apply", dir, "--env", "dev", "--yes"], env(9));
    expect(unasked.code).toBe(1);
    expect(unasked.stdout).toContain("Not applied: Token (a replace deploys a new address)");
    expect(unasked.stdout).toContain("To do it: w3o apply --env dev --redeploy Token");
    expect((await record(dir)).contracts.Token!.address).toBe(before.contracts.Token!.address);

    const asked = await w3o(["apply", dir, "--env", "dev", "--yes", "--redeploy", "Token"], env(9));
    expect(asked.code, asked.stderr).toBe(0);
    const after = await record(dir);
    expect(after.contracts.Token!.address).not.toBe(before.contracts.Token!.address);
    expect(after.contracts.Token!.args[0]).toBe("Test v2");
    for (const name of ["Registry", "Box", "Vault", "Salted"]) expect(after.contracts[name]!.address).toBe(before.contracts[name]!.address);
    // Exactly one more creation: the new Token.
    const txs = await creations(devnet.url, devnet.accounts[9]!.address);
    expect(txs.filter((t) => t.kind === "create")).toHaveLength(CREATES + 1);
    // Registry's constructor took the old Token's address: it is now the one to replace, and plan says so.
    expect(actions(await planOf(dir, 9))).toMatchObject({ Token: "noop", Registry: "replace" });
  });

  it("transfers ownership of a deployed contract when the repo names a new owner; the next plan is noop", async () => {
    const dir = await fixtureCopy();
    expect((await w3o(["apply", dir, "--env", "dev", "--yes"], env(9))).code).toBe(0);
    const config = path.join(dir, "w3o.yaml");
    const box = 'proxy: { kind: uups, initializer: { function: initialize, args: ["${accounts.deployer}", 42] } }';
    await writeFile(config, (await readFile(config, "utf8")).replace(box, `${box}\n    owner: "\${accounts.minter}"`));

    const plan = await planOf(dir, 9);
    const step = plan.networks[0]!.steps.find((s) => s.contract === "Box")!;
    expect(step.action).toBe("update");
    expect(step.changes?.map((c) => c.kind)).toEqual(["transfer-ownership"]);

    const applied = await w3o(["apply", dir, "--env", "dev", "--yes"], env(9));
    expect(applied.code, applied.stderr).toBe(0);
    const provider = new JsonRpcProvider(devnet.url, 31337, { staticNetwork: true });
    const owner = await provider.call({ to: (await record(dir)).contracts.Box!.address, data: "0x8da5cb5b" });
    provider.destroy();
    expect(`0x${owner.slice(-40)}`.toLowerCase()).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC".toLowerCase());
    expect(actions(await planOf(dir, 9)).Box).toBe("noop");
  });
});
