import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { planEnvironment } from "../../src/plan/run.js";
import type { Plan } from "../../src/plan/types.js";
import { BOX_SOL, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { creations, w3o } from "../helpers/applyRepo.js";

/*
 * Each contract below is a mistake in the YAML that only the compiled ABI can show. Today's plan
 * said "+ create" to all of them and apply failed mid-way ("this is a bug in w3o"); now each is a ✖
 * at the file, line and column to fix, and apply sends nothing. Deployer: dev account 5, alone here.
 */
const YAML = `${repoHeader("abi", "ABI_RPC_URL").replace("devnet: 0", "devnet: 5")}  Erc20:
    source: "@openzeppelin/contracts/token/ERC20/ERC20.sol"
    contract: ERC20
    networks: [local]
    args: ["Acme", "ACME"]
  TooFew: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.deployer}"] }
  NotAnAddress: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["0x1234", 1] }
  NotAnInteger: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.alice}", "lots"] }
  RefAsUint: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.alice}", "\${accounts.alice}"] }
  Vault:
    source: contracts/Vault.sol
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}", 42] } }
    expect:
      - { call: "totl()", returns: 0 }
  Good:
    source: contracts/Box.sol
    contract: Box
    networks: [local]
    args: ["\${accounts.alice}", "1000000000000000000000000"]
    expect:
      - { call: "seed()", returns: "1000000000000000000000000" }
`;

let devnet: Anvil;
let dir: string;
const env = () => ({ ABI_RPC_URL: devnet.url });
const problemsOf = (p: Plan, name: string) => p.networks[0]?.steps.find((s) => s.contract === name)?.problems ?? [];
/** Line (1-based) of the first line of YAML that contains `text`. */
const lineOf = (text: string) => YAML.split("\n").findIndex((l) => l.includes(text)) + 1;

beforeAll(async () => {
  [devnet, dir] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "w3o.yaml": YAML, "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() }),
  ]);
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a plan checks the YAML against the compiled ABI", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await planEnvironment(await loadModel(dir), "dev", { vars: env() })).plan;
  });

  it("an abstract contract (OpenZeppelin 5's ERC20) is located at contract:, with what to deploy instead", () => {
    const [p] = problemsOf(plan, "Erc20");
    expect(p).toMatch(
      new RegExp(`^w3o.yaml:${lineOf("contract: ERC20")}:15: ERC20 \\(@openzeppelin/contracts/token/ERC20/ERC20.sol\\) is abstract`),
    );
    expect(p).toMatch(/\nhint: Deploy a contract that inherits from it/);
  });

  it("a constructor given too few arguments names what it takes", () => {
    const [p] = problemsOf(plan, "TooFew");
    expect(p).toMatch(
      new RegExp(
        `^w3o.yaml:${lineOf("TooFew")}:\\d+: Box's constructor takes 2: address initialOwner, uint256 seed_, but 1 argument is given`,
      ),
    );
  });

  it("argument types: an address that is not one, an integer that is not one, a reference where a uint goes", () => {
    expect(problemsOf(plan, "NotAnAddress")[0]).toMatch(
      /argument 1 of Box's constructor \(address initialOwner\) is "0x1234", not an address/,
    );
    expect(problemsOf(plan, "NotAnInteger")[0]).toMatch(/argument 2 of Box's constructor \(uint256 seed_\) is "lots", not an integer/);
    expect(problemsOf(plan, "RefAsUint")[0]).toMatch(/argument 2 .* is "\$\{accounts.alice\}", an address, but the parameter is uint256/);
    // Located at the value itself, not at the contract.
    const col = YAML.split("\n")[lineOf("NotAnInteger") - 1]!.indexOf('"lots"') + 1;
    expect(problemsOf(plan, "NotAnInteger")[0]).toMatch(new RegExp(`^w3o.yaml:${lineOf("NotAnInteger")}:${col}:`));
  });

  it("a proxy's initializer arity, and an expect call to a function that does not exist", () => {
    const [init, call] = problemsOf(plan, "Vault");
    expect(init).toMatch(/Vault.initialize\(address\) takes 1: address initialOwner, but 2 arguments are given/);
    expect(call).toMatch(new RegExp(`^w3o.yaml:${lineOf("totl()")}:\\d+: expect\\[0\\] calls totl\\(\\), which Vault does not have`));
    expect(call).toMatch(/deposit\(uint256\)/);
  });

  it("what fits has no problem, a quoted number past 2^53 included; every other step is blocked", () => {
    expect(problemsOf(plan, "Good")).toEqual([]);
    expect(plan.summary).toMatchObject({ create: 7, blocked: 6 });
  });

  it("w3o plan shows them and fails; w3o apply refuses and sends nothing", async () => {
    const planned = await w3o(["plan", dir, "--env", "dev"], env());
    expect(planned.code).toBe(1);
    expect(planned.stdout).toMatch(/✖ w3o.yaml:\d+:\d+: ERC20 .* is abstract/);
    const applied = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/apply refuses: Erc20, .*TooFew.* cannot be applied, so nothing was sent/);
    expect(applied.stderr).not.toMatch(/bug in w3o/);
    expect(await creations(devnet.url, devnet.accounts[5]!.address)).toHaveLength(0);
  });
});
