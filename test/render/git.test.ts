import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { EXAMPLE } from "./helpers.js";

const root = mkdtempSync(path.join(tmpdir(), "w3o-render-git-"));
const repo = path.join(root, "infra");
const git = simpleGit({ baseDir: root });

beforeAll(async () => {
  cpSync(EXAMPLE, repo, { recursive: true });
  await git.init(["-b", "main"]);
  await git.addConfig("user.email", "test@example.com").addConfig("user.name", "test");
  await git.add(".").commit("infra");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("w3o render with git", () => {
  it("--diff --base shows what a change does to the rendered output", async () => {
    const file = path.join(repo, "nodes/ethereum.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(
      file,
      original.replace("replicas: 2", "replicas: 3").replace("autoscaling: { min: 2, max: 6", "autoscaling: { min: 3, max: 6"),
    );
    try {
      const { code, stdout } = await cli(["render", repo, "--env", "prod", "--target", "kubernetes", "--diff", "--base", "HEAD"]);
      expect(code).toBe(0);
      expect(stdout).toContain("--- a/kubernetes/prod/prod-eks/ethereum/eth-mainnet.yaml");
      expect(stdout).toMatch(/^-\s+replicas: 2$/m);
      expect(stdout).toMatch(/^\+\s+replicas: 3$/m);
      expect(stdout).toContain("0 added, 1 changed, 0 removed against HEAD");
      const json = JSON.parse((await cli(["render", repo, "--env", "prod", "--diff", "--json"])).stdout);
      // More replicas: the StatefulSet and the node group's size change, nothing else.
      expect(json).toMatchObject({
        added: [],
        removed: [],
        changed: ["kubernetes/prod/prod-eks/ethereum/eth-mainnet.yaml", "terraform/prod/prod-eks/terraform.tfvars.json"],
      });
    } finally {
      writeFileSync(file, original);
    }
    const same = await cli(["render", repo, "--env", "prod", "--diff"]);
    expect(same.stdout).toContain("unchanged");
  });

  it("--commit commits the rendered output to gitops.path, and nothing when it is up to date", async () => {
    const first = await cli(["render", repo, "--env", "prod", "--commit", "--json"]);
    expect(first.code).toBe(0);
    const res = JSON.parse(first.stdout);
    expect(res).toMatchObject({ committed: true, branch: "main" });
    const shown = await git.show(["--name-only", "--format=%s", "HEAD"]);
    expect(shown).toContain("w3o render: prod");
    expect(shown).toContain("infra/deploy/kubernetes/prod/prod-eks/ethereum/eth-mainnet.yaml");
    expect(shown).toContain("infra/deploy/argocd/prod/applications.yaml");
    const again = JSON.parse((await cli(["render", repo, "--env", "prod", "--commit", "--json"])).stdout);
    expect(again.committed).toBe(false);
  });

  it("--gitops commits to gitops.branch without switching the working copy", async () => {
    const w3o = path.join(repo, "w3o.yaml");
    writeFileSync(w3o, readFileSync(w3o, "utf8").replace("gitops:\n  path: deploy", "gitops:\n  path: rendered\n  branch: deploy"));
    await git.add(".").commit("render to a branch");
    const res = JSON.parse((await cli(["render", repo, "--env", "prod", "--target", "kubernetes", "--gitops", "--json"])).stdout);
    expect(res).toMatchObject({ committed: true, branch: "deploy" });
    expect((await git.revparse(["--abbrev-ref", "HEAD"])).trim()).toBe("main");
    const files = await git.raw(["ls-tree", "-r", "--name-only", "deploy"]);
    expect(files).toContain("infra/rendered/kubernetes/prod/prod-eks/polkadot/dot-rpc.yaml");
    expect(await git.raw(["ls-tree", "-r", "--name-only", "main"])).not.toContain("infra/rendered/");
  });

  it("rejects an unknown target as a usage error", async () => {
    expect((await cli(["render", repo, "--env", "prod", "--target", "helm"])).code).toBe(2);
  });
});
