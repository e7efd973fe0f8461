import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { beforeAll, describe, expect, it } from "vitest";
import { plantedCopy } from "../policy/planted.js";
import { cli } from "./run.js";

let planted: string;
beforeAll(async () => {
  planted = await plantedCopy();
});

describe("w3o audit", () => {
  it("passes examples/infra, counting its documented suppressions", async () => {
    const { code, stdout } = await cli("audit", "examples/infra");
    expect(stdout).toMatch(/0 findings, 2 suppressed/);
    expect(stdout).toContain("W3O-GOV-001 contracts.AcmeCollection");
    expect(stdout).toContain("W3O-ISO-011 nodes.avax-c");
    expect(code).toBe(0);
  });

  it("fails on the planted repo, and --fail-on moves the threshold", async () => {
    expect((await cli("audit", planted)).code).toBe(1);
    const json = await cli("audit", planted, "--format", "json", "--fail-on", "critical");
    const data = JSON.parse(json.stdout);
    expect(data.failOn).toBe("critical");
    expect(data.findings.filter((f: { severity: string }) => f.severity === "critical").length).toBe(10);
    expect(json.code).toBe(1);
  });

  it("passes examples/infra even with --fail-on info: it has no unsuppressed finding", async () => {
    const { code, stdout } = await cli("audit", "examples/infra", "--format", "json", "--fail-on", "info");
    expect(JSON.parse(stdout).passed).toBe(true);
    expect(code).toBe(0);
  });

  it("writes SARIF and Markdown with --out", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "w3o-out-"));
    const sarifFile = path.join(dir, "audit.sarif");
    const r = await cli("audit", planted, "--format", "sarif", "--out", sarifFile);
    expect(r.stdout).toMatch(/22 finding\(s\), 1 suppressed: wrote/);
    const sarif = JSON.parse(await readFile(sarifFile, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBe(23);
    const md = await cli("audit", planted, "--format", "markdown");
    expect(md.stdout).toContain("| 🔴 critical | `W3O-SEC-001` | `w3o.yaml:");
  });

  it("--base scans the diff to the working tree and fails on a secret it adds", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "w3o-base-"));
    await cp(path.resolve("examples/infra"), repo, { recursive: true });
    const git = simpleGit(repo);
    await git.init(["-b", "main"]);
    await git.addConfig("user.email", "ci@example.org").addConfig("user.name", "CI");
    await git.add(".").commit("infra");
    expect((await cli("audit", repo, "--base", "HEAD")).code).toBe(0);
    await writeFile(path.join(repo, "rpc.txt"), "MAINNET_RPC_URL=https://mainnet.infura.io/v3/4f1b2c3d4e5f60718293a4b5c6d7e8f9\n");
    const r = await cli("audit", repo, "--base", "HEAD", "--format", "markdown");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Includes the diff from `HEAD`");
    expect(r.stdout).toContain("`W3O-SEC-005` | `rpc.txt:1:");
    expect(r.stdout).not.toContain("4f1b2c3d4e5f60718293a4b5c6d7e8f9");
  });

  it("rejects an unknown format as a usage error", async () => {
    expect((await cli("audit", "examples/infra", "--format", "xml")).code).toBe(2);
  });
});

describe("w3o compliance report", () => {
  it("writes Markdown and JSON with per-control status, evidence, suppressions, commit and time", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "w3o-compliance-"));
    const { code, stdout } = await cli("compliance", "report", planted, "--out", out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/General Data Protection Regulation .*: \d+ pass, \d+ fail/);
    const report = JSON.parse(await readFile(path.join(out, "compliance-report.json"), "utf8"));
    expect(report.commit).toBeNull(); // the planted copy is not a git repository
    expect(Date.parse(report.generatedAt)).toBeGreaterThan(0);
    const gdpr = report.frameworks.find((f: { framework: string }) => f.framework === "gdpr");
    const art6 = gdpr.controls.find((c: { id: string }) => c.id === "Art. 6(1)");
    expect(art6.status).toBe("fail");
    expect(art6.evidence[0].failed[0]).toMatchObject({ resource: "data.history", location: { file: "w3o.yaml" } });
    expect(gdpr.controls.find((c: { id: string }) => c.id === "Art. 35").status).toBe("manual");
    expect(report.suppressions).toEqual([
      {
        rule: "W3O-SEC-007",
        resource: "data/report.json",
        reason: "Written by the exporter with a 0755 umask; fixed in exporter v2.",
        expires: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        source: "ignore-file",
      },
    ]);
    const md = await readFile(path.join(out, "compliance-report.md"), "utf8");
    expect(md).toContain("| Art. 6(1) | Lawfulness of processing | ❌ fail |");
  });

  it("records the git commit of the repo", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "w3o-compliance-"));
    await cli("compliance", "report", "examples/infra", "--out", out);
    const report = JSON.parse(await readFile(path.join(out, "compliance-report.json"), "utf8"));
    expect(report.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(report.frameworks.every((f: { summary: { fail: number } }) => f.summary.fail === 0)).toBe(true);
  });
});
