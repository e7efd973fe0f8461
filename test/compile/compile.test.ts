import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CompileError, compile, strippedCodeHash } from "../../src/compile/index.js";
import { SourceNotFoundError } from "../../src/compile/sources.js";
import type { Model } from "../../src/config/model.js";
import { BOX_SOL, tempRepo, vaultSol } from "../fixtures/contracts.js";

// Count real solc invocations: the cache must make a second compile free.
const solcCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock("../../src/compile/solc.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/compile/solc.js")>();
  return {
    ...real,
    loadSolc: (version: string) => {
      const solc = real.loadSolc(version);
      return {
        version: () => solc.version(),
        compile: (input: string, cb?: Parameters<typeof solc.compile>[1]) => {
          solcCalls.n++;
          return solc.compile(input, cb);
        },
      };
    },
  };
});

type CompileModel = Pick<Model, "dir" | "contracts" | "compiler">;
const contract = (source: string, extra: Partial<Model["contracts"][string]> = {}) =>
  ({ source, networks: ["local"], deployer: "deployer", args: [], expect: [], ...extra }) as Model["contracts"][string];

let cache: string;
let dir: string;
const model = (d = dir): CompileModel => ({
  dir: d,
  compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  contracts: {
    Box: contract("contracts/Box.sol"),
    Vault: contract("contracts/Vault.sol", { proxy: { kind: "uups", initializer: { function: "initialize", args: [] } } }),
  },
});

beforeAll(async () => {
  cache = await mkdtemp(path.join(os.tmpdir(), "w3o-cache-"));
  dir = await tempRepo({ "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() });
});
afterAll(async () => {
  await rm(cache, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe("compile", () => {
  it("compiles repo contracts with OpenZeppelin imports, the OZ proxies, and caches so a second compile never calls solc", async () => {
    solcCalls.n = 0;
    const first = await compile(model(), { cacheDir: cache });
    expect(first.fromCache).toBe(false);
    expect(solcCalls.n).toBeGreaterThan(0);

    const box = first.contracts.Box;
    expect(box?.name).toBe("Box");
    expect(box?.abi.some((f) => f.name === "owner")).toBe(true);
    expect(box?.bytecode.length).toBeGreaterThan(box?.deployedBytecode.length ?? 0);
    expect(Object.keys(box?.immutableReferences ?? {})).toHaveLength(1); // `seed`
    expect(box?.codeHash).toBe(strippedCodeHash(box?.deployedBytecode ?? "0x", box?.immutableReferences));
    expect(box?.storageLayout).toBeUndefined(); // not behind a proxy

    const vault = first.contracts.Vault;
    expect(vault?.storageLayout?.storage.map((s) => s.label)).toEqual(["total"]);
    expect(Object.keys(vault?.storageLayout?.namespaces ?? {})).toContain("erc7201:openzeppelin.storage.Ownable");
    expect(vault?.upgradeSafetyErrors).toEqual([]);

    expect(first.proxies.ERC1967Proxy.abi.some((f) => f.type === "constructor")).toBe(true);
    expect(first.proxies.TransparentUpgradeableProxy.source).toBe(
      "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol",
    );
    expect(first.proxies.ProxyAdmin.abi.some((f) => f.name === "upgradeAndCall")).toBe(true);

    solcCalls.n = 0;
    const second = await compile(model(), { cacheDir: cache });
    expect(solcCalls.n).toBe(0);
    expect(second.fromCache).toBe(true);
    expect(second.inputHash).toBe(first.inputHash);
    expect(second.contracts.Vault?.codeHash).toBe(vault?.codeHash);
    expect(first.warnings).toEqual([]); // OpenZeppelin's sources and the fixtures compile clean
  });

  it("keeps solc's warnings about the repo's sources, with file:line:col, from the cache too", async () => {
    const warned = await tempRepo({
      "contracts/Box.sol": BOX_SOL.replace("value = v;", "uint256 unused = v;\n        value = v;"),
      "contracts/Vault.sol": vaultSol(),
    });
    try {
      const first = await compile(model(warned), { cacheDir: cache });
      expect(first.fromCache).toBe(false);
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings[0]).toMatchObject({
        severity: "warning",
        file: "contracts/Box.sol",
        line: BOX_SOL.split("\n").findIndex((l) => l.includes("value = v;")) + 1,
        type: "Warning",
        message: "Unused local variable.",
        snippet: "uint256 unused",
      });
      const second = await compile(model(warned), { cacheDir: cache });
      expect(second.fromCache).toBe(true);
      expect(second.warnings).toEqual(first.warnings);
    } finally {
      await rm(warned, { recursive: true, force: true });
    }
  });

  it("a comment-only change recompiles but keeps the stripped code hash; a code change does not", async () => {
    const base = await compile(model(), { cacheDir: cache });
    const commented = await tempRepo({
      "contracts/Box.sol": BOX_SOL.replace("contract Box", "/// a comment\ncontract Box"),
      "contracts/Vault.sol": vaultSol(),
    });
    const edited = await tempRepo({
      "contracts/Box.sol": BOX_SOL.replace("value = v;", "value = v + 1;"),
      "contracts/Vault.sol": vaultSol(),
    });
    try {
      const c = await compile(model(commented), { cacheDir: cache });
      expect(c.inputHash).not.toBe(base.inputHash);
      expect(c.contracts.Box?.deployedBytecode).not.toBe(base.contracts.Box?.deployedBytecode); // metadata differs
      expect(c.contracts.Box?.codeHash).toBe(base.contracts.Box?.codeHash);
      const e = await compile(model(edited), { cacheDir: cache });
      expect(e.contracts.Box?.codeHash).not.toBe(base.contracts.Box?.codeHash);
    } finally {
      await rm(commented, { recursive: true, force: true });
      await rm(edited, { recursive: true, force: true });
    }
  });

  it("reports compile errors with file:line:col from solc's source location", async () => {
    const broken = await tempRepo({
      "contracts/Box.sol": BOX_SOL.replace("value = v;", "value = undefinedThing;"),
      "contracts/Vault.sol": vaultSol(),
    });
    try {
      const err = await compile(model(broken), { cacheDir: cache }).catch((e) => e);
      expect(err).toBeInstanceOf(CompileError);
      const d = (err as CompileError).diagnostics[0];
      const line = BOX_SOL.split("\n").findIndex((l) => l.includes("value = v;")) + 1;
      expect(d).toMatchObject({ file: "contracts/Box.sol", line, col: 17, type: "DeclarationError" });
      expect(d?.snippet).toBe("undefinedThing");
      expect((err as Error).message).toContain(
        `contracts/Box.sol:${line}:17: DeclarationError: Undeclared identifier. (\`undefinedThing\`)`,
      );
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("names the missing import and who imports it", async () => {
    const missing = await tempRepo({
      "contracts/Box.sol": BOX_SOL.replace("@openzeppelin/contracts/access/Ownable.sol", "./Nope.sol"),
      "contracts/Vault.sol": vaultSol(),
    });
    try {
      const err = await compile(model(missing), { cacheDir: cache }).catch((e) => e);
      expect(err).toBeInstanceOf(SourceNotFoundError);
      expect((err as Error).message).toContain('"contracts/Nope.sol" (imported by contracts/Box.sol)');
    } finally {
      await rm(missing, { recursive: true, force: true });
    }
  });

  it("zeroing immutables makes live code (immutables filled in) hash like the compiled code", async () => {
    const { contracts } = await compile(model(), { cacheDir: cache });
    const box = contracts.Box;
    if (!box) throw new Error("no Box");
    const [range] = Object.values(box.immutableReferences).flat();
    if (!range) throw new Error("no immutable");
    const body = box.deployedBytecode.slice(2);
    const filled = `0x${body.slice(0, range.start * 2)}${"ab".repeat(range.length)}${body.slice((range.start + range.length) * 2)}`;
    expect(filled).not.toBe(box.deployedBytecode);
    expect(strippedCodeHash(filled, box.immutableReferences)).toBe(box.codeHash);
    expect(strippedCodeHash(filled)).not.toBe(box.codeHash);
  });
});
