import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rpc } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { BOX_SOL, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { creations, w3o } from "../helpers/applyRepo.js";

/*
 * A devnet restarted: same chain id, same dev accounts, a new genesis block, none of the recorded
 * contracts. Before, the plan said "no code at the recorded address" for each, and apply printed
 * "Apply complete" having deployed nothing. Deployer: dev account 7, alone in this file.
 */
const YAML = `${repoHeader("restart", "RESTART_RPC_URL").replace("devnet: 0", "devnet: 7")}  Box: { source: contracts/Box.sol, networks: [local], args: ["\${accounts.deployer}", 1] }
  Vault:
    source: contracts/Vault.sol
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
`;

const devnets: Anvil[] = [];
let dir: string;
const me = () => devnets[0]!.accounts[7]!.address;
const env = (d: Anvil) => ({ RESTART_RPC_URL: d.url });
const genesisOf = async (d: Anvil) => (await new Rpc(d.url).call<{ hash: string }>("eth_getBlockByNumber", ["0x0", false])).hash;
const record = async () => JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;
const planOf = async (d: Anvil) => JSON.parse((await w3o(["plan", dir, "--env", "dev", "--json"], env(d))).stdout) as Plan;

beforeAll(async () => {
  dir = await tempRepo({ "w3o.yaml": YAML, "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() });
});
afterAll(async () => {
  await Promise.all(devnets.map((d) => d.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe("a record from another chain history", () => {
  it("records carry the genesis hash of the chain they describe", async () => {
    devnets.push(await startDevnet({ port: 0 }));
    const first = devnets[0]!;
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env(first));
    expect(run.code, run.stderr).toBe(0);
    expect((await record()).genesisHash).toBe((await genesisOf(first)).toLowerCase());
  });

  it("after a restart the plan names it, plans every contract anew and gives the command; apply alone does nothing and fails", async () => {
    devnets.push(await startDevnet({ port: 0 }));
    const restarted = devnets[1]!;
    const [was, now] = [(await record()).genesisHash!, (await genesisOf(restarted)).toLowerCase()];
    expect(now).not.toBe(was); // anvil's genesis block carries its start time: a later start is another chain

    const plan = await planOf(restarted);
    const net = plan.networks[0]!;
    expect(net.foreignRecord?.reason).toBe(
      `the record of local is from another chain (genesis ${was.slice(0, 10)}… ≠ ${now.slice(0, 10)}…): the devnet was restarted, or the endpoint serves another chain with chain id 31337`,
    );
    expect(net.foreignRecord?.command).toBe("w3o apply --env dev --redeploy Box,Vault");
    expect(net.steps.map((s) => [s.contract, s.action])).toEqual([
      ["Box", "replace"],
      ["Vault", "replace"],
    ]);
    expect(plan.summary).toMatchObject({ drift: 0, replace: 2 });

    const text = await w3o(["plan", dir, "--env", "dev"], env(restarted));
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("To deploy it all anew here: w3o apply --env dev --redeploy Box,Vault");
    expect(text.stdout).not.toContain("no code at the recorded address");

    const before = await readFile(path.join(dir, "deployments/dev/local.json"), "utf8");
    const unasked = await w3o(["apply", dir, "--env", "dev", "--yes"], env(restarted));
    expect(unasked.code).toBe(1);
    expect(unasked.stdout).toContain("Not applied: Box (its record is from another chain)");
    expect(unasked.stdout).toContain("Apply incomplete: 2 steps not applied.");
    expect(unasked.stdout).not.toContain("Apply complete");
    expect(await creations(restarted.url, me())).toHaveLength(0);
    expect(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")).toBe(before);
  });

  it("the command from the plan deploys everything once on the new chain and records its genesis", async () => {
    const restarted = devnets[1]!;
    const run = await w3o(["apply", dir, "--env", "dev", "--yes", "--redeploy", "Box,Vault"], env(restarted));
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("Apply complete");
    expect(await creations(restarted.url, me())).toHaveLength(3); // Box, Vault's implementation, its proxy
    expect((await record()).genesisHash).toBe((await genesisOf(restarted)).toLowerCase());
    expect((await planOf(restarted)).networks[0]!.steps.map((s) => s.action)).toEqual(["noop", "noop"]);
  });

  it("a record written before genesis hashes loads; on a chain with none of its contracts it is named as foreign too", async () => {
    const file = path.join(dir, "deployments/dev/local.json");
    const { genesisHash: _, ...old } = await record();
    await writeFile(file, `${JSON.stringify(old, null, 2)}\n`);
    // Where its contracts are, it is simply this chain's record.
    expect((await planOf(devnets[1]!)).networks[0]!.steps.map((s) => s.action)).toEqual(["noop", "noop"]);

    devnets.push(await startDevnet({ port: 0 }));
    const net = (await planOf(devnets[2]!)).networks[0]!;
    expect(net.foreignRecord?.reason).toBe(
      "the record of local is from another chain: none of its 2 contracts have code here (the devnet was restarted?)",
    );
    expect(net.steps.every((s) => s.action === "replace")).toBe(true);
  });

  it("--redeploy of a contract apply would not touch is refused, not reported as done", async () => {
    const run = await w3o(["apply", dir, "--env", "dev", "--yes", "--redeploy", "Box"], env(devnets[1]!));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--redeploy Box: the plan has nothing to deploy for Box \(local\/Box: noop\)/);
  });
});
