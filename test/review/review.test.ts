import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { renderReport } from "../../src/report/index.js";
import { reviewPullRequest, touchedEnvironments } from "../../src/review/index.js";
import { ROOT } from "../helpers/cli.js";

let devnet: Anvil;
let repo: string;
let base: string;

/** A git repo whose main is examples/infra, inside a monorepo folder `infra/` (as many teams keep it). */
async function infraRepo(): Promise<{ top: string; dir: string; base: string }> {
  const top = await mkdtemp(path.join(tmpdir(), "w3o-review-"));
  const dir = path.join(top, "infra");
  await cp(path.join(ROOT, "examples/infra"), dir, { recursive: true });
  const git = simpleGit(top);
  await git.init(["-b", "main"]).addConfig("user.email", "t@example.com").addConfig("user.name", "t");
  await git.add(".").commit("base");
  return { top, dir, base: (await git.revparse(["HEAD"])).trim() };
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  const r = await infraRepo();
  repo = r.dir;
  base = r.base;
  // The PR: one more contract on the local network.
  const token = await readFile(path.join(repo, "contracts/token.yaml"), "utf8");
  await writeFile(
    path.join(repo, "contracts/extra.yaml"),
    `contracts:\n  ExtraCollection:\n    source: contracts/src/AcmeCollection.sol\n    contract: AcmeCollection\n    networks: [local]\n    args: ["Extra", "EXT", "ipfs://x/", "\${accounts.deployer}"]\n`,
  );
  expect(token).toContain("contracts:");
  await simpleGit(r.top).add(".").commit("add ExtraCollection");
});

afterAll(async () => {
  await devnet?.stop();
});

describe("reviewPullRequest", () => {
  it("plans the environments with live state, names those it could not read, and audits against the base", async () => {
    const report = await reviewPullRequest({ dir: repo, base, vars: { LOCAL_RPC_URL: devnet.url } });

    expect(report.root).toBe("infra");
    expect(report.baseSha).toBe(base);
    const dev = report.environments.find((e) => e.name === "dev");
    expect(dev?.plan?.networks[0]?.steps.find((s) => s.contract === "ExtraCollection")?.action).toBe("create");
    expect(dev?.unread).toEqual([]);
    const prod = report.environments.find((e) => e.name === "prod");
    expect(prod?.unread.map((u) => u.network).sort()).toEqual(["avalanche-c", "mainnet", "polkadot"]);
    expect(prod?.unread[0]?.reason).toMatch(/_RPC_URL is not set where w3o runs/);
    // The base was audited too (its findings mark the head's as new or not), and the compliance summary is there.
    expect(report.audit?.base).toBe(base);
    expect(Array.isArray(report.baseFindings)).toBe(true);
    expect(report.compliance?.frameworks.length).toBeGreaterThan(0);

    const rendered = renderReport(report);
    expect(rendered.comment).toMatch(/\+ create\s+ExtraCollection/);
    expect(rendered.comment).toContain("Live state not read for:");
    expect(rendered.comment).toMatch(/### Audit: (no findings|\d+ findings?, 0 new in this PR)/);
    expect(rendered.comment).toContain("### Compliance");
  });

  it("a fork's PR reads no secret: networks that need one are reported, the local devnet is still planned", async () => {
    const report = await reviewPullRequest({
      dir: repo,
      base,
      vars: { LOCAL_RPC_URL: devnet.url, MAINNET_RPC_URL: "https://x.example/v3/k" },
      fork: true,
      environments: ["dev", "prod"],
    });
    const prod = report.environments.find((e) => e.name === "prod");
    expect(prod?.unread.map((u) => u.reason)).toEqual(
      Array(3).fill("a pull request from a fork gets no secrets, so its RPC endpoint is not used"),
    );
    // Not even the devnet's variable is used, and an environment with nothing read is not planned as empty.
    const dev = report.environments.find((e) => e.name === "dev");
    expect(dev?.unread.map((u) => u.network)).toEqual(["local"]);
    expect(dev?.plan).toBeUndefined();
    const rendered = renderReport(report);
    expect(rendered.verdict.conclusion).toBe("success");
    expect(rendered.comment).toContain("`dev`: not planned (1 network without live state)");
  });

  it("a PR with config errors reports them with file and line, and plans nothing", async () => {
    const r = await infraRepo();
    await writeFile(
      path.join(r.dir, "w3o.yaml"),
      (await readFile(path.join(r.dir, "w3o.yaml"), "utf8")).replace("autoApply: true", "autoAplly: true"),
    );
    const report = await reviewPullRequest({ dir: r.dir, base: r.base, vars: {} });
    expect(report.environments).toEqual([]);
    expect(report.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      file: "w3o.yaml",
      line: 28,
      message: expect.stringContaining("autoAplly"),
    });
    expect(renderReport(report).verdict.conclusion).toBe("failure");
  });
});

describe("touchedEnvironments", () => {
  it("a change to one environment's records touches only it; any other change touches all", async () => {
    const { loadModel } = await import("../../src/config/load.js");
    const model = await loadModel(path.join(ROOT, "examples/infra"));
    expect(touchedEnvironments(model, "infra", ["infra/deployments/staging/sepolia.json"])).toEqual(["staging"]);
    expect(touchedEnvironments(model, "infra", ["infra/contracts/token.yaml"])).toEqual(["dev", "staging", "prod"]);
    expect(touchedEnvironments(model, "infra", ["README.md"])).toEqual([]);
    expect(touchedEnvironments(model, "", undefined)).toEqual(["dev", "staging", "prod"]);
  });
});
