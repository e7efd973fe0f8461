import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { ALICE, BOX_SOL, tempRepo } from "../fixtures/contracts.js";
import { w3o } from "../helpers/applyRepo.js";

// The deployer account has a fixed address (alice) and a signer (anvil's key #0) that disagree, as
// validate warns: references resolve to alice, but the signer decides who deploys (docs/accounts-and-expect.md).
const YAML = `version: 1
project: deployer
compiler: { version: "0.8.28", evmVersion: cancun }
environments: { dev: { networks: [local] } }
networks:
  local: { chain: ethereum, chainId: 31337, rpc: { env: DEPLOYER_RPC_URL } }
accounts:
  deployer: { address: "${ALICE}", signer: { devnet: 0 } }
contracts:
  Box: { source: contracts/Box.sol, networks: [local], args: ["\${accounts.deployer}", 1] }
`;

let devnet: Anvil;
let dir: string;
beforeAll(async () => {
  [devnet, dir] = await Promise.all([startDevnet({ port: 0 }), tempRepo({ "w3o.yaml": YAML, "contracts/Box.sol": BOX_SOL })]);
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a step's deployer", () => {
  it("is the signer's address, not the account's fixed one; references still resolve to the fixed one", async () => {
    const signer = devnet.accounts[0]!.address;
    const planned = await w3o(["plan", dir, "--env", "dev", "--json"], { DEPLOYER_RPC_URL: devnet.url });
    const plan = JSON.parse(planned.stdout) as Plan;
    const [box] = plan.networks[0]!.steps;
    expect(box!.deployer).toEqual({ account: "deployer", address: signer });
    expect(box!.args[0]).toBe(ALICE);

    // apply sends from the signer: before, it took the fixed address as sender and had no signer for it.
    const applied = await w3o(["apply", dir, "--env", "dev", "--yes"], { DEPLOYER_RPC_URL: devnet.url });
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const rec = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;
    expect(rec.contracts.Box!.deployer).toBe(signer);
    expect(rec.contracts.Box!.args[0]).toBe(ALICE);
  });
});
