import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rpc } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { w3o } from "../helpers/applyRepo.js";
import { ROOT } from "../helpers/cli.js";

let devnet: Anvil;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
});

const FIXTURE = path.join(ROOT, "test/fixtures/workflow-repo");
const MULTISIG = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const copy = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-wf-"));
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
};
const env = (account: number) => ({ W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });
const record = async (dir: string) => JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;

/** Every transaction a sender has sent, from its nonce: what "no transaction sent twice" is counted by. */
const sentBy = async (account: number) =>
  Number(BigInt(await new Rpc(devnet.url).call<string>("eth_getTransactionCount", [devnet.accounts[account]!.address, "latest"])));

async function expectLaunched(dir: string) {
  const rec = await record(dir);
  const txs = rec.workflows?.launch?.txs ?? {};
  expect(Object.keys(txs).sort()).toEqual([
    "fund:0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    "owner",
    "token",
    "transfer:0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    "transfer:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "transfer:accounts.multisig",
    "vesting:0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  ]);
  const provider = new JsonRpcProvider(devnet.url);
  const token = new Contract(
    txs.token!.address!,
    [
      "function balanceOf(address) view returns (uint256)",
      "function owner() view returns (address)",
      "function cap() view returns (uint256)",
      "function totalSupply() view returns (uint256)",
    ],
    provider,
  );
  const vesting = new Contract(
    txs["vesting:0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"]!.address!,
    ["function owner() view returns (address)", "function cliff() view returns (uint256)"],
    provider,
  );
  const e18 = 10n ** 18n;
  expect(await token.balanceOf!("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).toBe(500_000n * e18);
  expect(await token.balanceOf!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).toBe(250_000n * e18);
  expect(await token.balanceOf!(MULTISIG)).toBe(100_000n * e18);
  expect(await token.balanceOf!(await vesting.getAddress())).toBe(150_000n * e18);
  expect(await token.totalSupply!()).toBe(1_000_000n * e18);
  expect(await token.cap!()).toBe(2_000_000n * e18);
  expect(await token.owner!()).toBe(MULTISIG);
  expect(await vesting.owner!()).toBe("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
  expect(await vesting.cliff!()).toBe(BigInt(Date.parse("2026-01-01T00:00:00Z") / 1000 + 90 * 86_400));
  provider.destroy();
}

describe("token-launch on anvil", () => {
  it("plans every transaction in order with decoded calldata and balances, applies them, and a re-run sends nothing", async () => {
    const dir = await copy();
    const planned = await w3o(["plan", dir, "--env", "dev"], env(5));
    expect(planned.code, planned.stderr).toBe(0);
    const lines = planned.stdout.split("\n");
    const order = lines.filter((l) => /^ {2}\d /.test(l)).map((l) => l.trim().split(/\s+/).slice(2, 4).join(" "));
    expect(order).toEqual([
      "deploy LaunchToken",
      "call LaunchToken.transfer(to:",
      "call LaunchToken.transfer(to:",
      "call LaunchToken.transfer(to:",
      "deploy vesting",
      "call LaunchToken.transfer(to:",
      "call LaunchToken.transferOwnership(newOwner:",
    ]);
    expect(planned.stdout).toContain(`LaunchToken.transfer(to: ${MULTISIG}, value: 100000000000000000000000)`);
    expect(planned.stdout).toContain(`LaunchToken: ${MULTISIG} → 100000, deployer → 150000`);
    expect(planned.stdout).toContain('constructor("Launch", "LNCH", 1000000000000000000000000, 2000000000000000000000000)');
    expect(planned.stdout).toContain("Workflows: 7 transactions to send, 0 already sent");

    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(5));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(await sentBy(5)).toBe(7);
    await expectLaunched(dir);

    const again = await w3o(["apply", dir, "--env", "dev", "--yes"], env(5));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Workflows: 0 transactions to send, 7 already sent");
    expect(await sentBy(5)).toBe(7);
    const plan = JSON.parse((await w3o(["plan", dir, "--env", "dev", "--json"], env(5))).stdout) as Plan;
    expect(plan.workflows?.[0]?.txs.map((t) => t.status)).toEqual(Array(7).fill("done"));
  });

  it.each([
    ["intent:2", 6],
    ["tx-sent:4", 7],
    ["receipt:5", 8],
  ])("converges after SIGKILL at %s mid-workflow, sending each transaction exactly once", async (point, account) => {
    const dir = await copy();
    const crashed = await w3o(["apply", dir, "--env", "dev", "--yes"], { ...env(account), W3O_TEST_CRASH_AT: point });
    expect(crashed.signal).toBe("SIGKILL");
    const resumed = await w3o(["apply", dir, "--env", "dev", "--yes"], env(account));
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(await sentBy(account)).toBe(7);
    await expectLaunched(dir);
    expect((await w3o(["apply", dir, "--env", "dev", "--yes"], env(account))).code).toBe(0);
    expect(await sentBy(account)).toBe(7);
  });

  it("refuses a CSV with a non-checksummed address, a duplicate and totals off the supply, each at file:line:col with the fix", async () => {
    const dir = await copy();
    const csv = path.join(dir, "allocations/launch.csv");
    await writeFile(
      csv,
      [
        "address,amount,start,cliff,duration",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,500000",
        "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc,250000",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,1",
        "",
      ].join("\n"),
    );
    const bad = await w3o(["plan", dir, "--env", "dev"], env(9));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "allocations/launch.csv:3:1: error: 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc is not a checksummed address",
    );
    expect(bad.stderr).toContain("Write it as 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC (EIP-55)");
    expect(bad.stderr).toContain(
      "allocations/launch.csv:4:1: error: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 is allocated twice (first on line 2)",
    );

    await writeFile(csv, "address,amount\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8,500000\n");
    const short = await w3o(["apply", dir, "--env", "dev", "--yes"], env(9));
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(
      /w3o\.yaml:\d+:\d+: error: allocations total 600000 LNCH, the supply is 1000000: 400000 would stay with the deployer/,
    );
    expect(short.stderr).toContain('set supply: "600000"');
    expect(await sentBy(9)).toBe(0);
  });
});
