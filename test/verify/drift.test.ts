import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Contract, id, JsonRpcProvider, NonceManager, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_SLOT, INITIALIZABLE_SLOT } from "../../src/chains/evm/slots.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import type { VerifyReport } from "../../src/verify/types.js";
import { fixtureCopy, w3o } from "../helpers/applyRepo.js";

let devnet: Anvil;
const dirs: string[] = [];
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const env = (account: number) => ({ W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });
const copy = async () => {
  const dir = await fixtureCopy();
  dirs.push(dir);
  return dir;
};
const word = (hex: string) => `0x${hex.replace(/^0x/, "").toLowerCase().padStart(64, "0")}`;

/** Plan's drift reasons and verify's failed checks, per contract. */
const planDrift = (p: Plan) =>
  Object.fromEntries(p.networks[0]!.steps.filter((s) => s.action === "drift").map((s) => [s.contract, [...s.reasons].sort()]));
const verifyDrift = (r: VerifyReport) =>
  Object.fromEntries(
    r.networks[0]!.contracts.flatMap((c) => {
      const failed = c.checks.filter((k) => k.status === "fail").map((k) => k.message);
      return failed.length ? [[c.name, failed.sort()]] : [];
    }),
  );

describe("w3o verify and w3o plan see the same drift", () => {
  it("a revoked role, a changed EIP-1967 admin and ProxyAdmin owner, an uninitialized proxy: verify fails with plan's drift", async () => {
    const dir = await copy();
    const account = 2;
    const applied = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account));
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const clean = await w3o(["verify", dir, "--env", "dev", "--json"], env(account));
    expect(clean.code, clean.stdout).toBe(0);

    const rec = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;
    const provider = new JsonRpcProvider(devnet.url);
    const deployer = new NonceManager(new Wallet(devnet.accounts[account]!.privateKey, provider));
    const minter = rec.contracts.Token!.roles!.MINTER_ROLE![0]!;
    const token = new Contract(rec.contracts.Token!.address, ["function revokeRole(bytes32,address)"], deployer);
    await (await token.getFunction("revokeRole")(id("MINTER_ROLE"), minter)).wait();
    const stranger = devnet.accounts[7]!.address;
    const proxyAdmin = new Contract(rec.contracts.Vault!.proxy!.admin!, ["function transferOwnership(address)"], deployer);
    await (await proxyAdmin.getFunction("transferOwnership")(stranger)).wait();
    await provider.send("anvil_setStorageAt", [rec.contracts.Vault!.address, ADMIN_SLOT, word(stranger)]);
    await provider.send("anvil_setStorageAt", [rec.contracts.Box!.address, INITIALIZABLE_SLOT, word("0")]);

    const planned = await w3o(["plan", dir, "--env", "dev", "--json"], env(account));
    const drift = planDrift(JSON.parse(planned.stdout) as Plan);
    expect(Object.keys(drift).sort()).toEqual(["Box", "Token", "Vault"]);
    expect(drift.Vault).toHaveLength(2);

    const verified = await w3o(["verify", dir, "--env", "dev", "--json"], env(account));
    expect(verified.code).toBe(1);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.ok).toBe(false);
    expect(verifyDrift(report)).toEqual(drift);
  });
});

describe("a corrupt deployment record", () => {
  it("is a record error in verify, in the words plan uses, not a bug in w3o", async () => {
    const dir = await copy();
    const file = path.join(dir, "deployments/dev/local.json");
    await rm(path.dirname(file), { recursive: true, force: true });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ "version": 1, "contracts": ');

    const planned = await w3o(["plan", dir, "--env", "dev"], env(3));
    expect(planned.code).not.toBe(0);
    expect(planned.stderr).toContain("deployments/dev/local.json is not valid JSON");

    const verified = await w3o(["verify", dir, "--env", "dev"], env(3));
    expect(verified.code).toBe(1);
    expect(verified.stdout + verified.stderr).not.toMatch(/bug in w3o/i);
    expect(verified.stdout).toContain("record: deployments/dev/local.json is not valid JSON");
    expect(verified.stdout).toContain("dev failed verification");
  });
});
