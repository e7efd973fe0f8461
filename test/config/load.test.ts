import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel, loadRepo, RepoNotFoundError } from "../../src/config/load.js";
import { locate } from "../../src/config/model.js";
import { ROOT } from "../helpers/cli.js";
import { MINIMAL, tempRepo } from "../helpers/configRepo.js";

const repo = tempRepo("w3o-load-");
const { write, found } = repo;

describe("loadRepo", () => {
  it("loads examples/infra with every file merged and defaults applied", async () => {
    const model = await loadModel(path.join(ROOT, "examples/infra"));
    expect(Object.keys(model.contracts).sort()).toEqual(["AcmeCollection", "AcmeGovernor", "AcmeToken", "AcmeVault", "Timelock"]);
    expect(model.nodes["eth-mainnet"]?.chain).toBe("ethereum");
    expect(model.contracts.Timelock?.deployer).toBe("deployer"); // default
    expect(model.origins["contracts.AcmeVault"]).toBe("contracts/token.yaml");
    // locate() points findings at the exact value in its own file.
    expect(locate(model, "contracts", "AcmeVault", ["proxy", "kind"])).toEqual({ file: "contracts/token.yaml", line: 16, col: 13 });
  });

  it("refuses a folder without w3o.yaml, with a hint", async () => {
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: "w3o.yaml", code: "file-missing", message: expect.stringContaining("no w3o.yaml") });
  });

  it("throws a usage error for a path that is not a folder", async () => {
    await expect(loadRepo(path.join(repo.dir, "nope"))).rejects.toBeInstanceOf(RepoNotFoundError);
  });

  it("refuses empty, comment-only, binary and oversized files", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [a.yaml, b.yaml, c.yaml, d.yaml]\n`);
    await write("a.yaml", "");
    await write("b.yaml", "# only a comment\n\n");
    await write("c.yaml", Buffer.from([0x6e, 0x6f, 0x00, 0x01, 0x02]));
    await write("d.yaml", `# ${"x".repeat(1024 * 1024 + 10)}\nnodes: {}\n`);
    expect(await found()).toEqual([
      "a.yaml:1:1 empty-file",
      "b.yaml:1:1 empty-file",
      "c.yaml:1:3 binary-file", // the NUL byte
      "d.yaml:1:1 file-too-large",
    ]);
  });

  it("refuses a symlink that leaves the repo, and an include outside it", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "w3o-outside-"));
    await writeFile(path.join(outside, "evil.yaml"), "contracts: {}\n");
    await write("w3o.yaml", `${MINIMAL}include: [link.yaml, ../x.yaml]\n`);
    await symlink(path.join(outside, "evil.yaml"), path.join(repo.dir, "link.yaml"));
    expect(await found()).toEqual(["link.yaml:1:1 symlink-outside-repo", "w3o.yaml:7:22 include-outside-repo"]);
    await rm(outside, { recursive: true });
  });

  it("reports YAML syntax errors at their position, and a file that is a list", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [x.yaml, y.yaml]\n`);
    await write("x.yaml", "contracts:\n  A:\n    source: a.sol\n   networks: [local]\n");
    await write("y.yaml", "- just\n- a list\n");
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(["x.yaml:4:1 yaml-syntax", "y.yaml:1:1 invalid-type"]);
  });

  it("refuses duplicate keys within one mapping", async () => {
    await write("w3o.yaml", `${MINIMAL}project: again\n`);
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics[0]).toMatchObject({ code: "yaml-syntax", line: 7, message: expect.stringContaining("unique") });
  });

  it("refuses a public devnet key on a real network, and names the environment", async () => {
    await write(
      "w3o.yaml",
      `${MINIMAL}  sepolia: { chain: ethereum, chainId: 11155111, rpc: { env: SEPOLIA_RPC_URL } }
accounts:
  deployer: { signer: { devnet: 0 } }
contracts:
  T: { source: T.sol, networks: [local, sepolia] }
`.replace("dev: { networks: [local] }", "dev: { networks: [local] }\n  staging: { networks: [sepolia] }"),
    );
    await write("T.sol", "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract T {}\n");
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "devnet-signer",
      message: expect.stringContaining('environment "staging", which deploys to sepolia'),
    });
  });

  it("suggests the closest key and lists the allowed ones", async () => {
    await write("w3o.yaml", MINIMAL.replace("chainId: 31337", "chainid: 31337"));
    const { diagnostics } = await loadRepo(repo.dir);
    const unknown = diagnostics.find((d) => d.code === "unknown-key");
    expect(unknown).toMatchObject({ line: 6, col: 29, message: 'unknown key "chainid" in networks.local' });
    expect(unknown?.hint).toMatch(/^Did you mean "chainId"\? Allowed keys: chain, chainId, genesisHash, rpc,/);
  });
});
