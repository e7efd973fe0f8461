import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRepo } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { ALICE, BOX_SOL, repoHeader, tempRepo } from "../fixtures/contracts.js";
import { w3o } from "../helpers/applyRepo.js";

/** An ERC-20 with its whole supply minted to one holder: balanceOf answers a number past 2^53. */
const SUPPLY_SOL = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract Supply is ERC20 {
    constructor(address holder, uint256 supply) ERC20("Supply", "SUP") {
        _mint(holder, supply);
    }
}
`;

/** `returns` as written in the YAML: quoted (exact) or not (YAML reads a float). */
const yaml = (
  returns: string,
) => `${repoHeader("expect", "EXPECT_RPC_URL").replace("devnet: 0", "devnet: 6")}  Box: { source: contracts/Box.sol, networks: [local], args: ["\${accounts.deployer}", 1] }
  Supply:
    source: contracts/Supply.sol
    networks: [local]
    args: ["\${accounts.alice}", "1000000000000000000000000"]
    expect:
      - { call: "balanceOf(address)", args: ["\${accounts.alice}"], returns: ${returns} }
      - { call: "balanceOf(address)", args: ["\${contracts.Box}"], returns: 0 }
      - { call: "allowance(address,address)", args: ["\${accounts.alice}", "\${accounts.deployer}"], returns: "0x0" }
`;

let devnet: Anvil;
let dir: string;
const env = () => ({ EXPECT_RPC_URL: devnet.url });

beforeAll(async () => {
  [devnet, dir] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "w3o.yaml": yaml('"1000000000000000000000000"'), "contracts/Box.sol": BOX_SOL, "contracts/Supply.sol": SUPPLY_SOL }),
  ]);
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("expect: takes references and compares numbers exactly", () => {
  it("an unquoted number past 2^53 is refused where it is written, with the digits to quote", async () => {
    const file = path.join(dir, "w3o.yaml");
    await writeFile(file, yaml("1000000000000000000000000"));
    try {
      const { model, diagnostics } = await loadRepo(dir);
      expect(model).toBeUndefined();
      const lines = yaml("1000000000000000000000000").split("\n");
      const line = lines.findIndex((l) => l.includes("returns: 1000000000000000000000000")) + 1;
      const col = (lines[line - 1] ?? "").indexOf("1000000000000000000000000") + 1;
      expect(diagnostics).toEqual([
        expect.objectContaining({
          file: "w3o.yaml",
          line,
          col,
          code: "lossy-number",
          message: expect.stringMatching(
            /contracts.Supply.expect\[0\].returns is 1000000000000000000000000, which YAML reads as the float 1e\+24/,
          ),
          hint: expect.stringContaining('Quote it: "1000000000000000000000000"'),
        }),
      ]);
    } finally {
      await writeFile(file, yaml('"1000000000000000000000000"'));
    }
  });

  it("apply resolves ${accounts.X} and ${contracts.X} in expect args and checks the exact value", async () => {
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("Apply complete");
    const rec = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8"));
    expect(rec.contracts.Supply.args).toEqual([ALICE, "1000000000000000000000000"]);
  });

  it("a value one wei off is a failed check: numbers are not compared as floats", async () => {
    const off = `  Off:
    source: contracts/Supply.sol
    contract: Supply
    networks: [local]
    args: ["\${accounts.alice}", "1000000000000000000000000"]
    expect:
      - { call: "balanceOf(address)", args: ["\${accounts.alice}"], returns: "1000000000000000000000001" }
`;
    await writeFile(path.join(dir, "w3o.yaml"), yaml('"1000000000000000000000000"') + off);
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Off: balanceOf\(address\) returned 1000000000000000000000000, expected "1000000000000000000000001"/);
  });
});
