import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/config/diagnostics.js";
import { loadRepo } from "../../src/config/load.js";
import { runCli } from "../helpers/cli.js";
import { MINIMAL, tempRepo } from "../helpers/configRepo.js";

// Anvil's public dev keys 0–3 stand in for real ones, each pasted into a field that is not for secrets.
const KEYS = [
  "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaa4e12b3a7d2f3c5",
  "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
];
const PASSWORD = "s3cretPassw0rd";
const API_KEY = "0123456789abcdefghij0123";
const SECRETS = [...KEYS, PASSWORD, API_KEY];

const REPO = `version: 1
project: demo
environments:
  dev: { networks: [local, "${KEYS[1]}"] }
networks:
  local: { chain: ethereum, chainId: 31337, rpc: { env: "https://user:${PASSWORD}@rpc.example.com/v3/${API_KEY}" } }
  other: { chain: ethereum, chainId: 1, rpc: { env: "0x${KEYS[2]}" } }
accounts:
  deployer: { signer: { env: "0x${KEYS[0]}" } }
  treasury: { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x${KEYS[3]}": 1 }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "w3o-secrets-"));
  await writeFile(path.join(dir, "w3o.yaml"), REPO);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

describe("a secret pasted into any field", () => {
  it("is never repeated by a diagnostic, whichever check quotes it, and each problem is still reported where it is", async () => {
    const { diagnostics } = await loadRepo(dir);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      '4:28 invalid-value invalid networks "***"',
      "6:57 url-with-credentials networks.local.rpc.env is a URL with credentials (https://***@rpc.example.com/v3/***)",
      "7:53 invalid-value networks.other.rpc.env is not the name of an environment variable",
      "9:30 inline-private-key accounts.deployer.signer.env looks like a private key",
      '10:70 unknown-key unknown key "0x***" in accounts.treasury',
    ]);
    expect(leaked(JSON.stringify(diagnostics))).toEqual([]);
    expect(leaked(diagnostics.map(formatDiagnostic).join("\n"))).toEqual([]);
  });

  it.each(["validate", "validate --json", "plan -e dev", "audit"])("is not printed by w3o %s", (command) => {
    const res = runCli([...command.split(" "), dir], { env: { W3O_DEBUG: undefined } });
    expect(res.code).not.toBe(0);
    const all = res.stdout + res.stderr;
    expect(all).toMatch(/w3o\.yaml.+9.+30/s); // the key's place is named
    expect(leaked(all)).toEqual([]);
  });
});

describe("a value of no known secret format in a field that may hold a secret", () => {
  // Formats no scan recognises: only the field they are in says they may be credentials.
  const TOKEN = "sk_live_abcdef1234567890XYZ";
  const VALUE = "some-api-token-value";
  const repo = tempRepo("w3o-unknown-secret-");
  const yaml = `${MINIMAL}  other:
    chain: ethereum
    chainId: 1
    rpc: { env: "${VALUE}", default: "https://user:pw12345678@rpc.example.com/x" }
    explorer: "etherscan ${TOKEN}"
accounts:
  deployer: { signer: { env: "${TOKEN}" } }
  ops: { signer: { keystore: ops.json, password: { env: "pass ${TOKEN}" } } }
`;

  it("is named by its field and what a valid value looks like, never quoted", async () => {
    await repo.write("w3o.yaml", yaml);
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      "10:17 invalid-value networks.other.rpc.env is not the name of an environment variable",
      "10:50 url-with-credentials networks.other.rpc.default is a URL with credentials (https://***@rpc.example.com/x)",
      "11:15 invalid-value networks.other.explorer is not valid (its value is not repeated here: it may hold a credential)",
      "13:30 invalid-value accounts.deployer.signer.env is not the name of an environment variable",
      "14:57 invalid-value accounts.ops.signer.password.env is not the name of an environment variable",
    ]);
    for (const d of diagnostics.filter((d) => d.message.includes("environment variable"))) {
      expect(d.hint).toMatch(/UPPER_SNAKE_CASE.+set it in a variable where w3o runs/);
    }
    // The URL's hint does not tell the user to set a "variable" named after the pasted value.
    const text = JSON.stringify(diagnostics) + diagnostics.map(formatDiagnostic).join("\n");
    expect([TOKEN, VALUE].filter((s) => text.includes(s))).toEqual([]);
  });

  it("is not printed by w3o validate --json", async () => {
    await repo.write("w3o.yaml", yaml);
    const res = runCli(["validate", "--json", repo.dir]);
    expect(JSON.parse(res.stdout).diagnostics).toHaveLength(5);
    expect([TOKEN, VALUE].filter((s) => (res.stdout + res.stderr).includes(s))).toEqual([]);
  });
});
