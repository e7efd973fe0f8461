import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compile/index.js";
import { loadModel } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { planEnvironment } from "../../src/plan/run.js";
import type { Plan } from "../../src/plan/types.js";
import { BOX_SOL, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { creations, w3o } from "../helpers/applyRepo.js";

/** 25,000 bytes of data in the code: over EIP-170's 24,576 with the function around it. */
const BIG_SOL = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Big {
    function blob() external pure returns (bytes memory) {
        return hex"${"5a".repeat(25_000)}";
    }
}
`;

/** A UUPS implementation that sets state in its constructor: behind a proxy that state would not exist. */
const UNSAFE_SOL = vaultSol()
  .replace("contract Vault", "contract Unsafe")
  .replace(
    `    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }`,
    `    constructor() {
        total = 1;
    }`,
  );

const yaml = (limit?: number) =>
  `${repoHeader("problems", "PROBLEMS_RPC_URL")}  Box: { source: contracts/Box.sol, networks: [local], args: ["\${accounts.deployer}", 1] }
  Big: { source: contracts/Big.sol, networks: [local] }
  Unsafe:
    source: contracts/Unsafe.sol
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
`.replace("rpc: { env: PROBLEMS_RPC_URL }", `rpc: { env: PROBLEMS_RPC_URL }${limit ? `, codeSizeLimit: ${limit}` : ""}`);

let devnet: Anvil;
let dir: string;
const env = () => ({ PROBLEMS_RPC_URL: devnet.url });
const plan = async () => (await planEnvironment(await loadModel(dir), "dev", { vars: env() })).plan;
const problemsOf = (p: Plan, name: string) => p.networks[0]?.steps.find((s) => s.contract === name)?.problems ?? [];

beforeAll(async () => {
  [devnet, dir] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "w3o.yaml": yaml(), "contracts/Box.sol": BOX_SOL, "contracts/Big.sol": BIG_SOL, "contracts/Unsafe.sol": UNSAFE_SOL }),
  ]);
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("steps apply cannot do", () => {
  it("a contract over the code size limit: the plan says so, and the node would indeed refuse it", async () => {
    const p = await plan();
    const [problem] = problemsOf(p, "Big");
    expect(problem).toMatch(/^Big's runtime code is 25,\d{3} bytes, over network local's limit of 24,576 \(EIP-170\)/);
    expect(problemsOf(p, "Box")).toEqual([]);
    expect(p.summary).toMatchObject({ create: 3, blocked: 2 });

    const big = (await compile(await loadModel(dir))).contracts.Big!;
    const res = await fetch(devnet.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_estimateGas",
        params: [{ from: devnet.accounts[0]!.address, data: big.bytecode }],
      }),
    }).then((r) => r.json() as Promise<{ error?: { message: string } }>);
    expect(res.error?.message).toMatch(/CreateContractSizeLimit/);
  });

  it("an implementation OpenZeppelin finds unsafe behind a proxy", async () => {
    const [problem] = problemsOf(await plan(), "Unsafe");
    expect(problem).toMatch(/^Unsafe is not safe to use behind a proxy/);
    expect(problem).toMatch(/constructor/);
  });

  it("a network that allows larger code lifts the size problem only", async () => {
    const file = path.join(dir, "w3o.yaml");
    await writeFile(file, yaml(49_152));
    try {
      const p = await plan();
      expect(problemsOf(p, "Big")).toEqual([]);
      expect(problemsOf(p, "Unsafe")).toHaveLength(1);
    } finally {
      await writeFile(file, yaml());
    }
    expect(await readFile(file, "utf8")).not.toContain("codeSizeLimit");
  });

  it("w3o plan marks them and fails; w3o apply refuses them all and sends nothing, not even Box", async () => {
    const planned = await w3o(["plan", dir, "--env", "dev"], env());
    expect(planned.code).toBe(1);
    expect(planned.stdout).toMatch(/✖ Big's runtime code is 25,\d{3} bytes/);
    expect(planned.stdout).toContain("Plan: 3 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted, 2 blocked");
    expect(planned.stdout).toContain("Apply will refuse this plan");

    const applied = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/apply refuses: Big, Unsafe cannot be applied, so nothing was sent/);
    expect(applied.stderr).toMatch(/local\/Big: Big's runtime code/);
    expect(applied.stderr).toMatch(/local\/Unsafe: Unsafe is not safe/);
    expect(await creations(devnet.url, devnet.accounts[0]!.address)).toHaveLength(0);
  });

  it("a replace that could not be deployed blocks only an apply asked to do it (--redeploy)", async () => {
    // Its own repo and deployer (dev account 3), so the creations counted are this test's alone.
    const yamlBox = `${repoHeader("replace", "PROBLEMS_RPC_URL").replace("devnet: 0", "devnet: 3")}  Box: { source: contracts/Box.sol, networks: [local], args: ["\${accounts.deployer}", 1] }\n`;
    const repo = await tempRepo({ "w3o.yaml": yamlBox, "contracts/Box.sol": BOX_SOL });
    const me = devnet.accounts[3]!.address;
    try {
      expect((await w3o(["apply", repo, "--env", "dev", "--yes"], env())).code).toBe(0);
      expect(await creations(devnet.url, me)).toHaveLength(1);
      // The same contract grown past the limit: only a new deployment could apply it.
      const grown = BOX_SOL.replace(
        "    uint256 public value;",
        `    uint256 public value;\n\n    function blob() external pure returns (bytes memory) {\n        return hex"${"5a".repeat(25_000)}";\n    }`,
      );
      await writeFile(path.join(repo, "contracts/Box.sol"), grown);

      const planned = await w3o(["plan", repo, "--env", "dev"], env());
      expect(planned.stdout).toMatch(/± replace Box/);
      expect(planned.stdout).toMatch(/✖ Box's runtime code is 2\d,\d{3} bytes/);

      const left = await w3o(["apply", repo, "--env", "dev", "--yes"], env());
      expect(left.code, left.stderr).toBe(1); // a step left undone is no success
      expect(left.stdout).toMatch(/Not applied: Box/);
      const asked = await w3o(["apply", repo, "--env", "dev", "--yes", "--redeploy", "Box"], env());
      expect(asked.code).toBe(1);
      expect(asked.stderr).toMatch(/apply refuses: Box cannot be applied, so nothing was sent/);
      expect(await creations(devnet.url, me)).toHaveLength(1);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
