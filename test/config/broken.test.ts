import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepo } from "../../src/config/load.js";
import { ROOT, runCli } from "../helpers/cli.js";

const BROKEN = path.join(ROOT, "examples/broken");

/** Every mistake planted in examples/broken, exactly where it was planted. */
const expected = [
  ["contracts/cycle.yaml", 8, 13, "source-missing", 'contracts.Router.source "contracts/Router.sol" does not exist'],
  ["contracts/cycle.yaml", 10, 11, "dependency-cycle", "contracts depend on each other in a cycle: Router → Vault → Router"],
  ["contracts/tokens.yaml", 5, 29, "missing-reference", 'contracts.Token refers to contract "Registry", which is not defined'],
  ["more/duplicate.yaml", 2, 3, "duplicate-name", "contracts.Token is defined twice"],
  [
    "more/syntax.yaml",
    5,
    5,
    "yaml-syntax",
    "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
  ],
  ["nodes/nodes.yaml", 3, 12, "invalid-value", '"etherium" is not a valid chain'],
  ["nodes/nodes.yaml", 7, 14, "chain-mismatch", 'node "avax-1" runs avalanche but network "local" is on ethereum'],
  ["nodes/nodes.yaml", 15, 37, "invalid-value", 'invalid version "latest"'],
  ["w3o.yaml", 8, 5, "unknown-key", 'unknown key "autoAplly" in environments.dev'],
  ["w3o.yaml", 10, 25, "missing-reference", 'environments.prod refers to network "goerli", which is not defined'],
  ["w3o.yaml", 20, 43, "url-with-credentials", "networks.mainnet.rpc.default is a URL with credentials (https://mainnet.infura.io/v3/***)"],
  ["w3o.yaml", 22, 5, "missing-key", 'network "avax" is on Avalanche but has no chainId'],
  ["w3o.yaml", 30, 5, "unknown-key", 'unknown key "privateKey" in accounts.hot-wallet'],
  ["w3o.yaml", 30, 17, "inline-secret", "accounts.hot-wallet.privateKey holds a secret inline"],
] as const;

describe("examples/broken", () => {
  it("reports exactly the planted mistakes, each at its file:line:col", async () => {
    const { model, diagnostics } = await loadRepo(BROKEN);
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => [d.file, d.line, d.col, d.code, d.message])).toEqual(expected);
  });

  it("gives each mistake a fix", async () => {
    const { diagnostics } = await loadRepo(BROKEN);
    const hint = (code: string, file: string, line?: number) =>
      diagnostics.find((d) => d.code === code && d.file === file && (line === undefined || d.line === line))?.hint;
    expect(hint("unknown-key", "w3o.yaml")).toMatch(/^Did you mean "autoApply"\?/);
    expect(hint("invalid-value", "nodes/nodes.yaml")).toMatch(/^Did you mean "ethereum"\?/);
    expect(hint("missing-reference", "w3o.yaml")).toBe("Define it under `networks:`, or use one of: local, mainnet, avax.");
    expect(hint("duplicate-name", "more/duplicate.yaml")).toBe(
      "It is already defined in contracts/tokens.yaml:2:3. Rename one of them or merge them.",
    );
    expect(hint("url-with-credentials", "w3o.yaml")).toContain("Set MAINNET_RPC_URL to this URL");
    expect(hint("unknown-key", "w3o.yaml", 30)).toContain("`signer: { env: HOT_WALLET_KEY }`");
    expect(hint("inline-secret", "w3o.yaml")).toContain("`signer: { env: HOT_WALLET_KEY }`");
    for (const d of diagnostics) expect(d.hint, `${d.file}:${d.line} ${d.message}`).toBeTruthy();
  });

  it("never repeats a planted secret", async () => {
    const res = runCli(["validate", BROKEN, "--json"]);
    const all = res.stdout + res.stderr;
    expect(all).not.toContain("4f1c2e9b7a3d4c8e9f0a1b2c3d4e5f60");
    expect(all).not.toContain("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  });

  it("w3o validate prints file:line:col and exits 1", () => {
    const res = runCli(["validate", BROKEN]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('w3o.yaml:8:5: error: unknown key "autoAplly" in environments.dev\n  hint: Did you mean "autoApply"?');
    expect(res.stdout).toContain("✖ 14 errors in");
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
