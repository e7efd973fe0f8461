import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGitCommit, GitRefNotFoundError, loadRepo } from "../../src/config/load.js";
import { BOX_SOL } from "../fixtures/contracts.js";

const root = (project: string) => `version: 1
project: ${project}
environments: { dev: { networks: [local] } }
networks:
  local: { chain: ethereum, chainId: 31337, rpc: { env: RPC_URL } }
accounts:
  deployer: { signer: { devnet: 0 } }
include: [contracts/]
`;
const box = (args: string) => `contracts:\n  Box:\n    source: contracts/Box.sol\n    networks: [local]\n    args: ${args}\n`;

let dir: string;
let outside: string;
let first: string;
let second: string;
let third: string;

const write = async (rel: string, text: string) => {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), text);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "w3o-gitsrc-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "w3o-gitsrc-outside-"));
  await writeFile(path.join(outside, "evil.yaml"), box('["from outside", 1]'));
  const git = simpleGit(dir);
  await git.init();
  await git.addConfig("user.email", "t@example.com").addConfig("user.name", "t").addConfig("commit.gpgsign", "false");
  await write("w3o.yaml", root("first"));
  await write("contracts/Box.sol", BOX_SOL);
  await write("contracts/box.yaml", box('["${accounts.deployer}", 1]'));
  await git.add(".").commit("first");
  first = (await git.revparse(["HEAD"])).trim();
  // The second commit changes the project and the args, and breaks a value at a known place.
  await write("w3o.yaml", root("second"));
  await write("contracts/box.yaml", box('["${accounts.deployer}", 2]\n    proxy: { kind: nope }'));
  // A symlink inside the repo (to the same file: read once) is fine, as in a checkout.
  await symlink("box.yaml", path.join(dir, "contracts/alias.yaml"));
  await git.add(".").commit("second");
  second = (await git.revparse(["HEAD"])).trim();
  // The third links out of the repo: mode 120000 in git, refused like a checkout's symlink.
  await write("contracts/box.yaml", box('["${accounts.deployer}", 3]'));
  await symlink(path.join(outside, "evil.yaml"), path.join(dir, "contracts/evil.yaml"));
  await git.add(".").commit("third");
  third = (await git.revparse(["HEAD"])).trim();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("loading the repo from a git commit", () => {
  it("gives each commit's config without touching the working tree", async () => {
    // The working tree moves on after the commits: what is loaded must not come from it.
    await write("w3o.yaml", root("uncommitted"));
    const status = async () => {
      const s = await simpleGit(dir).status();
      return { head: s.current, files: s.files };
    };
    const before = await status();
    expect(before.files).toEqual([expect.objectContaining({ path: "w3o.yaml", working_dir: "M" })]);
    const a = await loadRepo(await fromGitCommit(dir, first));
    expect(a.diagnostics).toEqual([]);
    expect(a.model?.project).toBe("first");
    expect(a.model?.contracts.Box?.args).toEqual(["${accounts.deployer}", 1]);
    expect(a.model?.dir).toBe(path.resolve(dir));
    const b = await loadRepo(await fromGitCommit(dir, `${third}~1`));
    expect(b.model).toBeUndefined();
    expect(b.diagnostics.map((d) => d.code)).toContain("invalid-value");
    expect(await readFile(path.join(dir, "w3o.yaml"), "utf8")).toBe(root("uncommitted"));
    expect(await status()).toEqual(before);
    await write("w3o.yaml", root("second"));
  });

  it("locates errors as a checkout of the same commit does, symlinks followed and refused alike", async () => {
    const git = simpleGit(dir);
    for (const commit of [second, third]) {
      await git.checkout(commit);
      const fromTree = await loadRepo(dir);
      const fromCommit = await loadRepo(await fromGitCommit(dir, commit));
      expect(fromCommit.diagnostics).toEqual(fromTree.diagnostics);
      expect(fromCommit.diagnostics.length).toBeGreaterThan(0);
    }
    const outOf = await loadRepo(await fromGitCommit(dir, third));
    expect(outOf.diagnostics).toEqual([
      expect.objectContaining({ file: "contracts/evil.yaml", line: 1, col: 1, code: "symlink-outside-repo" }),
    ]);
    // Nothing from outside the repo was read.
    expect(JSON.stringify(outOf)).not.toContain("from outside");
    await git.checkout("-");
  });

  it("refuses a ref that names no commit", async () => {
    await expect(fromGitCommit(dir, "no-such-branch")).rejects.toThrow(GitRefNotFoundError);
  });
});
