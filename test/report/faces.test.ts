import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/config/diagnostics.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { Plan } from "../../src/plan/types.js";
import { diagnosticAt, diagnosticLine, renderPlan, renderReport, summaryLine, validateText } from "../../src/report/index.js";
import { cell } from "../../src/report/markdown.js";
import { cli } from "../cli/run.js";
import { repoHeader, tempRepo } from "../fixtures/contracts.js";
import { report } from "../helpers/reportFixtures.js";

/*
 * The CLI and the PR comment are two faces of one report: for the same plan and the same diagnostics they
 * must say the same words, built by the same functions in src/report/ and redacted there. Each assertion
 * compares a face with the shared function's output, so a face that formats on its own fails here.
 */

const FEED_SOL = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Feed {
    string public url;

    constructor(string memory url_) {
        url = url_;
    }
}
`;

/** The step lines of a plan text (`  + create  Feed …`), without the two-space indent the diff fence drops. */
const stepLines = (text: string) => text.split("\n").flatMap((l) => (/^ {2}[+\-~!=±↻] /.test(l) ? [l.slice(2)] : []));

describe("the CLI's plan and the PR comment's plan block", () => {
  let devnet: Anvil;
  let dir: string;
  beforeAll(async () => {
    devnet = await startDevnet({ port: 0 });
    const yaml = `${repoHeader("faces", "FACES_RPC_URL")}  Feed:\n    source: contracts/Feed.sol\n    networks: [local]\n    args: ["https://feeds.example.org/eth-usd"]\n  Other:\n    source: contracts/Feed.sol\n    contract: Feed\n    networks: [local]\n    args: ["plain"]\n`;
    dir = await tempRepo({ "w3o.yaml": yaml, "contracts/Feed.sol": FEED_SOL });
    process.env.FACES_RPC_URL = devnet.url;
  }, 60_000);
  afterAll(async () => {
    delete process.env.FACES_RPC_URL;
    await devnet?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("carry the same step lines and summary line, built by renderPlan", async () => {
    const json = await cli("plan", dir, "--env", "dev", "--json");
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as Plan;
    const text = await cli("plan", dir, "--env", "dev");

    // The CLI prints exactly what the shared function builds.
    expect(text.stdout).toBe(renderPlan(plan));
    const steps = stepLines(renderPlan(plan));
    expect(steps).toHaveLength(2);
    expect(steps.every((l) => l.startsWith("+ create "))).toBe(true);

    // The comment's plan block holds the same lines, and the same summary line heads it.
    const { comment, check } = renderReport(report({ environments: [{ name: "dev", plan, unread: [] }] }));
    const commentLines = comment.split("\n");
    for (const line of steps) expect(commentLines).toContain(line);
    expect(commentLines).toContain(`**${summaryLine(plan.summary)}**`);
    expect(text.stdout).toContain(summaryLine(plan.summary));
    expect(check.text.split("\n")).toEqual(expect.arrayContaining(steps));
  }, 120_000);
});

// Pasted where secrets do not belong: the loader redacts them from its diagnostics; the faces must not bring them back.
const PASSWORD = "hunter2pass";
const API_KEY = "0123456789abcdefghij0123";
const KEY = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const REPO = `version: 1
project: demo
environments:
  dev: { networks: [local] }
networks:
  local: { chain: ethereum, chainId: 31337, rpc: { env: "https://user:${PASSWORD}@rpc.example.com/v3/${API_KEY}" } }
accounts:
  deployer: { signer: { env: "0x${KEY}" } }
`;

describe("a secret planted in a diagnostic", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempRepo({});
    await writeFile(path.join(dir, "w3o.yaml"), REPO);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is redacted in the CLI's validate output and in the PR comment alike, both built from the same diagnostic lines", async () => {
    const json = await cli("validate", dir, "--json");
    const { diagnostics } = JSON.parse(json.stdout) as { diagnostics: Diagnostic[] };
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["url-with-credentials", "inline-private-key"]));
    const text = await cli("validate", dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(validateText({ dir, diagnostics }));

    const { comment, check } = renderReport(report({ root: "infra", diagnostics }));
    for (const d of diagnostics) {
      expect(text.stdout).toContain(diagnosticLine(d));
      expect(comment).toContain(`\`${diagnosticAt(d, "infra")}\` ${cell(d.message)}`);
    }
    for (const face of [text.stdout, comment, JSON.stringify(check)])
      for (const secret of [PASSWORD, API_KEY, KEY]) expect(face).not.toContain(secret);
  });

  it("that the loader did not catch is redacted by the shared text, in the CLI's words and the comment's", () => {
    // A diagnostic built elsewhere (a plugin, a chain probe) may quote an RPC URL or a value the run knows is secret.
    const d: Diagnostic = {
      file: "w3o.yaml",
      line: 6,
      col: 3,
      severity: "error",
      code: "unreachable",
      message: `cannot reach https://mainnet.infura.io/v3/${API_KEY}`,
      hint: `the signer 0x${KEY} has no funds`,
    };
    const cliText = validateText({ dir: "infra", diagnostics: [d] }, undefined, [KEY]);
    const { comment } = renderReport(report({ diagnostics: [d] }), { secrets: [KEY] });
    expect(cliText).toContain("w3o.yaml:6:3: error: cannot reach https://mainnet.infura.io/v3/***");
    expect(comment).toContain("cannot reach https://mainnet.infura.io/v3/***");
    for (const face of [cliText, comment]) for (const secret of [API_KEY, KEY]) expect(face).not.toContain(secret);
  });
});
