import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rpc } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { ownerNeeds } from "../../src/plan/owners.js";
import type { Address, LiveContract, Plan, PlanStep } from "../../src/plan/types.js";
import { ALICE, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { creations, w3o } from "../helpers/applyRepo.js";

/*
 * Proxies whose owner is an address w3o cannot sign for (alice: an address, no signer; think of a
 * multisig or a timelock). Before, their upgrade was planned as a plain `~ upgrade` and apply refused
 * it only while building its ops. Now the plan marks it, plan fails, and apply refuses before sending
 * anything, also the upgrade of Mine, which the deployer could make (no partial wave).
 */
const YAML = `${repoHeader("owners", "OWNERS_RPC_URL")}  Vault:
    source: contracts/Vault.sol
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
    owner: "\${accounts.alice}"
  Held:
    source: contracts/Vault.sol
    contract: Vault
    networks: [local]
    proxy: { kind: transparent, initializer: { args: ["\${accounts.deployer}"] } }
    admin: "\${accounts.alice}"
  Mine:
    source: contracts/Vault.sol
    contract: Vault
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
`;

let devnet: Anvil;
let dir: string;
const env = () => ({ OWNERS_RPC_URL: devnet.url });
const me = () => devnet.accounts[0]!.address;
const nonce = async () => Number(BigInt(await new Rpc(devnet.url).call<string>("eth_getTransactionCount", [me(), "latest"])));
const recordFile = () => path.join(dir, "deployments/dev/local.json");

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  dir = await tempRepo({ "w3o.yaml": YAML, "contracts/Vault.sol": vaultSol() });
  const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
  if (run.code !== 0) throw new Error(`first apply failed: ${run.stderr}${run.stdout}`);
  // A new implementation for all three.
  await writeFile(
    path.join(dir, "contracts/Vault.sol"),
    vaultSol("    function version() external pure returns (uint256) { return 2; }\n"),
  );
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a step only an owner w3o cannot sign for may make", () => {
  it("is marked in the plan with that owner, counted, and plan fails", async () => {
    const json = await w3o(["plan", dir, "--env", "dev", "--json"], env());
    const plan = JSON.parse(json.stdout) as Plan;
    const steps = Object.fromEntries(plan.networks[0]!.steps.map((s) => [s.contract, s]));
    for (const s of Object.values(steps)) expect(s.changes?.map((c) => c.kind)).toEqual(["upgrade"]);
    expect(steps.Vault!.needsOwner).toEqual([{ address: ALICE, reason: "upgrade Vault: the proxy's owner() calls upgradeToAndCall" }]);
    expect(steps.Held!.needsOwner).toHaveLength(1);
    expect(steps.Held!.needsOwner![0]!.address).toBe(ALICE);
    expect(steps.Held!.needsOwner![0]!.reason).toMatch(/^upgrade Held: the owner of ProxyAdmin 0x[0-9a-fA-F]{40} calls upgradeAndCall$/);
    expect(steps.Mine!.needsOwner).toBeUndefined(); // owned by the deployer, a signer here
    expect(plan.summary).toMatchObject({ upgrade: 3, needsOwner: 2, blocked: 0 });
    expect(json.code).toBe(1);

    const text = await w3o(["plan", dir, "--env", "dev"], env());
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`✋ needs owner ${ALICE} (not a signer of this environment): upgrade Vault`);
    expect(text.stdout).toContain("Plan: 0 to create, 3 to upgrade, 0 to remove, 0 unchanged, 0 drifted, 2 need an owner");
    expect(text.stdout).toContain("Apply will refuse the ✋ steps above. Propose the change through that owner");
  });

  it("apply refuses before sending anything, naming the contracts, the owner and what to do", async () => {
    const [sent, created, record] = [await nonce(), await creations(devnet.url, me()), await readFile(recordFile(), "utf8")];
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `apply refuses: Held (owner ${ALICE}), Vault (owner ${ALICE}) cannot be changed by a signer of dev, so nothing was sent`,
    );
    expect(run.stderr).toContain("Propose the change through that owner");
    expect(run.stdout).not.toContain("Apply complete");
    expect(await nonce()).toBe(sent); // not even Mine's upgrade, which the deployer could send
    expect(await creations(devnet.url, me())).toEqual(created);
    expect(await readFile(recordFile(), "utf8")).toBe(record);
  });
});

describe("ownerNeeds (pure)", () => {
  const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as Address;
  const live = { owner: ALICE as Address } as LiveContract;
  const step = (changes: PlanStep["changes"]) => ({ action: "update" as const, kind: "plain" as const, contract: "Box", changes });
  const transfer = step([{ kind: "transfer-ownership", from: ALICE as Address, to: DEPLOYER }]);

  it("an ownership transfer from an owner that is not a signer needs that owner; from a signer it does not", () => {
    expect(ownerNeeds(transfer, undefined, live, [DEPLOYER])).toEqual([
      { address: ALICE, reason: "transfer ownership of Box: only its owner can" },
    ]);
    expect(ownerNeeds(transfer, undefined, live, [DEPLOYER, ALICE.toLowerCase() as Address])).toEqual([]);
  });

  it("marks nothing when the signers are not known (a keystore) or the owner could not be read", () => {
    expect(ownerNeeds(transfer, undefined, live, undefined)).toEqual([]);
    const change = {
      kind: "upgrade",
      fromImplementation: DEPLOYER,
      fromCodeHash: "0x",
      toCodeHash: "0x",
      storageLayout: "unknown",
    } as const;
    const upgrade = { ...step([change]), kind: "uups" as const };
    expect(ownerNeeds(upgrade, undefined, { owner: null } as LiveContract, [DEPLOYER])).toEqual([]);
    expect(ownerNeeds(upgrade, undefined, live, [DEPLOYER])).toHaveLength(1);
  });
});
