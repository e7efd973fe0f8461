import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { keccak256 } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_HASHES_INITCODE, codeHashRequests, decodeCodeHashes } from "../../../src/chains/evm/codeHashes.js";
import { type RpcResult, rpcBatch } from "../../../src/chains/evm/rpc.js";
import { strippedCodeHash } from "../../../src/compile/index.js";
import { loadSolc } from "../../../src/compile/solc.js";
import type { CompiledRepo, ImmutableReferences } from "../../../src/compile/types.js";
import { type Anvil, MULTICALL3_ADDRESS, startDevnet } from "../../../src/devnet/index.js";
import { BOX_SOL, compileBoxAndVault, tempRepo, vaultSol } from "../../fixtures/contracts.js";
import { deploy, deployUups, devSigner } from "../../fixtures/deploy.js";

let devnet: Anvil;
let compiled: CompiledRepo;
let dir: string;
let cache: string;
let targets: { name: string; address: string; immutables?: ImmutableReferences }[];

beforeAll(async () => {
  [devnet, dir, cache] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() }),
    mkdtemp(path.join(os.tmpdir(), "w3o-cache-")),
  ]);
  compiled = await compileBoxAndVault(dir, cache);
  const me = devnet.accounts[0]!.address;
  const signer = devSigner(devnet.url, devnet.accounts[0]!.privateKey);
  const box = await deploy(signer, compiled.contracts.Box!, [me, 42]);
  const vault = await deployUups(signer, compiled, compiled.contracts.Vault!, [me]);
  targets = [
    { name: "Box (an immutable)", address: box.address, immutables: compiled.contracts.Box!.immutableReferences },
    {
      name: "UUPS implementation (__self)",
      address: vault.implementation.address,
      immutables: compiled.contracts.Vault!.immutableReferences,
    },
    { name: "ERC1967Proxy", address: vault.proxy.address },
    { name: "Multicall3", address: MULTICALL3_ADDRESS },
    { name: "an account without code", address: me },
    { name: "an address never used", address: "0x00000000000000000000000000000000deadbeef" },
  ];
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

const values = (rs: RpcResult[]) =>
  rs.map((r) => {
    if (r.error) throw new Error(r.error.message);
    return r.result as string;
  });

describe("CodeHashes (deployless eth_call)", () => {
  it("is the compiled CodeHashes.sol", async () => {
    const source = await readFile(path.resolve("src/chains/evm/CodeHashes.sol"), "utf8");
    const input = {
      language: "Solidity",
      sources: { "CodeHashes.sol": { content: source } },
      settings: {
        optimizer: { enabled: true, runs: 200 },
        evmVersion: "paris",
        metadata: { appendCBOR: false },
        outputSelection: { "*": { CodeHashes: ["evm.bytecode.object"] } },
      },
    };
    const out = JSON.parse(loadSolc("0.8.28").compile(JSON.stringify(input)));
    const compiledHex = `0x${out.contracts["CodeHashes.sol"].CodeHashes.evm.bytecode.object}`;
    expect(compiledHex, "CodeHashes.sol changed: paste its new init code into codeHashes.ts").toBe(CODE_HASHES_INITCODE);
  });

  it("gives, without sending code back, the hashes w3o computes from the code itself", async () => {
    const codes = values(
      await rpcBatch(
        devnet.url,
        targets.map((t) => ({ method: "eth_getCode", params: [t.address, "latest"] })),
      ),
    );
    const [answer] = values(await rpcBatch(devnet.url, codeHashRequests(targets)));
    const hashes = decodeCodeHashes(answer!);
    for (const [i, t] of targets.entries()) {
      const code = codes[i]!;
      const expected =
        code === "0x"
          ? { codeHash: null, strippedHash: null }
          : { codeHash: keccak256(code), strippedHash: strippedCodeHash(code, t.immutables) };
      expect(hashes[i], t.name).toEqual(expected);
    }
    // Tied to compile: the live Box, immutables zeroed and metadata cut, is the compiled Box.
    expect(hashes[0]?.strippedHash).toBe(compiled.contracts.Box!.codeHash);
    expect(hashes[1]?.strippedHash).toBe(compiled.contracts.Vault!.codeHash);
    // Without its immutables zeroed, Box's stripped hash is not the compiled one.
    const [plain] = values(await rpcBatch(devnet.url, codeHashRequests([{ address: targets[0]!.address }])));
    expect(decodeCodeHashes(plain!)[0]?.strippedHash).not.toBe(compiled.contracts.Box!.codeHash);
  });

  it("splits many targets over eth_calls whose answers stay under the code size limit", async () => {
    const many = Array.from({ length: 650 }, (_, i) => targets[i % targets.length]!);
    const requests = codeHashRequests(many);
    expect(requests).toHaveLength(3);
    const hashes = values(await rpcBatch(devnet.url, requests)).flatMap(decodeCodeHashes);
    expect(hashes).toHaveLength(650);
    const once = decodeCodeHashes(values(await rpcBatch(devnet.url, codeHashRequests(targets)))[0]!);
    expect(hashes.slice(0, targets.length)).toEqual(once);
    expect(hashes.slice(targets.length * 100, targets.length * 101)).toEqual(once);

    // Immutable ranges lengthen the arguments: 300 of Box's would pass EIP-3860's init code limit.
    const heavy = Array.from({ length: 300 }, () => targets[0]!);
    const split = codeHashRequests(heavy);
    expect(split).toHaveLength(2);
    const heavyHashes = values(await rpcBatch(devnet.url, split)).flatMap(decodeCodeHashes);
    expect(heavyHashes).toEqual(heavy.map(() => once[0]));
  });
});
