import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ContractFactory, JsonRpcProvider, keccak256, NonceManager, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZABLE_SLOT } from "../../src/chains/evm/slots.js";
import { strippedCodeHash } from "../../src/compile/bytecode.js";
import { loadSolc } from "../../src/compile/solc.js";
import type { ImmutableReferences } from "../../src/compile/types.js";
import { loadModel } from "../../src/config/load.js";
import type { Model } from "../../src/config/model.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { verify } from "../../src/verify/index.js";
import { cli } from "../helpers/cli.js";
import { refusingGateway } from "../helpers/refusingGateway.js";
import { EXAMPLE } from "../render/helpers.js";

const PROXY = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";`;

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
contract Owned {
  address public owner;
  uint256 public immutable born;
  constructor(address o) { owner = o; born = block.number + 1000; }
}`;

let devnet: Anvil;
let repo: string;
let record: DeploymentRecord;
let refs: ImmutableReferences;
let proxyAddress: string;
let proxyCodeHash: string;
const require = createRequire(import.meta.url);
const root = mkdtempSync(path.join(tmpdir(), "w3o-verify-"));

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  const out = JSON.parse(
    loadSolc("0.8.28").compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "Owned.sol": { content: SOURCE }, "Proxy.sol": { content: PROXY } },
        settings: { outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode"] } } },
      }),
      { import: (p: string) => ({ contents: readFileSync(require.resolve(p), "utf8") }) },
    ),
  );
  const c = out.contracts["Owned.sol"].Owned;
  const proxyOut = out.contracts["@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol"].ERC1967Proxy;
  refs = c.evm.deployedBytecode.immutableReferences as ImmutableReferences;
  expect(Object.values(refs).flat().length).toBeGreaterThan(0);
  // Two deployments back to back: the NonceManager counts nonces instead of asking a node that may lag.
  const wallet = new NonceManager(new Wallet(devnet.accounts[0]!.privateKey, new JsonRpcProvider(devnet.url)));
  const owner = devnet.accounts[1]!.address;
  const contract = await new ContractFactory(c.abi, c.evm.bytecode.object, wallet).deploy(owner);
  const receipt = await contract.deploymentTransaction()!.wait();
  const address = await contract.getAddress();
  const proxy = await new ContractFactory(proxyOut.abi, proxyOut.evm.bytecode.object, wallet).deploy(address, "0x8da5cb5b"); // OZ 5 proxies refuse empty init data: a harmless owner() call
  await proxy.deploymentTransaction()!.wait();
  proxyAddress = await proxy.getAddress();
  proxyCodeHash = strippedCodeHash(`0x${proxyOut.evm.deployedBytecode.object}`, proxyOut.evm.deployedBytecode.immutableReferences);
  // Owned has no initializer: mark the proxy initialized, as an initializer would have.
  await new JsonRpcProvider(devnet.url).send("anvil_setStorageAt", [proxyAddress, INITIALIZABLE_SLOT, `0x${"0".repeat(63)}1`]);
  record = {
    version: 1,
    project: "acme",
    environment: "dev",
    network: "local",
    chainId: devnet.chainId,
    contracts: {
      Owned: {
        address,
        txHash: receipt!.hash,
        blockNumber: receipt!.blockNumber,
        deployer: await wallet.getAddress(),
        source: "Owned.sol",
        contract: "Owned",
        codeHash: strippedCodeHash(`0x${c.evm.deployedBytecode.object}`, refs),
        compiler: { version: "0.8.28", optimizer: { enabled: false, runs: 200 }, evmVersion: "cancun" },
        args: [owner],
        encodedArgs: "0x",
        owner,
        deployedAt: new Date(0).toISOString(),
      },
    },
  };
  repo = path.join(root, "infra");
  cpSync(EXAMPLE, repo, { recursive: true });
  mkdirSync(path.join(repo, "deployments/dev"), { recursive: true });
  writeFileSync(path.join(repo, "deployments/dev/local.json"), JSON.stringify(record, null, 2));
});
afterAll(async () => {
  await devnet?.stop();
  rmSync(root, { recursive: true, force: true });
});

const env = () => ({ LOCAL_RPC_URL: devnet.url });
const immutables = () => refs;
const withRecord = async (r: DeploymentRecord): Promise<Model> => {
  writeFileSync(path.join(repo, "deployments/dev/local.json"), JSON.stringify(r));
  return loadModel(repo);
};

describe("verify against a real anvil", () => {
  it("passes a healthy devnet whose contract matches its record", async () => {
    const report = await verify(await withRecord(record), "dev", { env: env(), immutables });
    expect(report.ok).toBe(true);
    const [net] = report.networks;
    expect(Object.fromEntries(net!.checks.map((c) => [c.check, c.status]))).toMatchObject({
      rpc: "ok",
      chain: "ok",
      sync: "ok",
      head: "ok",
    });
    // anvil has no net_peerCount: reported, not failed.
    expect(net!.checks.find((c) => c.check === "peers")).toEqual({
      check: "peers",
      status: "warn",
      message: "net_peerCount unavailable: Method not found",
    });
    expect(net!.checks.find((c) => c.check === "chain")!.message).toBe("chain id 31337");
    const [owned] = net!.contracts;
    expect(owned).toMatchObject({ name: "Owned", codeMatch: true, ownerMatch: true });
  });

  it("cannot decide the code without immutable positions, and says so without failing", async () => {
    const report = await verify(await withRecord(record), "dev", { env: env() });
    const code = report.networks[0]!.contracts[0]!.checks.find((c) => c.check === "code")!;
    expect(code.status).toBe("warn");
    expect(report.ok).toBe(true);
  });

  it("decides exactly from the deployed code hash that apply records, without compiler output", async () => {
    const live = await new JsonRpcProvider(devnet.url).getCode(record.contracts.Owned!.address);
    const exact = structuredClone(record);
    exact.contracts.Owned!.runtimeCodeHash = keccak256(live);
    const ok = await verify(await withRecord(exact), "dev", { env: env() });
    expect(ok.networks[0]!.contracts[0]!.checks.find((c) => c.check === "code")).toEqual({
      check: "code",
      status: "ok",
      message: "matches the deployed code recorded",
    });

    exact.contracts.Owned!.runtimeCodeHash = `0x${"22".repeat(32)}`;
    const bad = await verify(await withRecord(exact), "dev", { env: env() });
    expect(bad.ok).toBe(false);
    expect(bad.networks[0]!.contracts[0]!.checks.find((c) => c.check === "code")?.status).toBe("fail");
  });

  it("fails when the code differs, the owner differs or the contract is missing", async () => {
    const other = devnet.accounts[5]!.address;
    const bad = structuredClone(record);
    bad.contracts.Owned!.codeHash = `0x${"11".repeat(32)}`;
    bad.contracts.Owned!.owner = other;
    bad.contracts.Missing = { ...record.contracts.Owned!, address: "0x000000000000000000000000000000000000dEaD" };
    const report = await verify(await withRecord(bad), "dev", { env: env(), immutables });
    expect(report.ok).toBe(false);
    const [missing, owned] = report.networks[0]!.contracts;
    expect(missing!.checks).toEqual([
      {
        check: "code",
        status: "fail",
        message: "no code at the recorded address (self-destructed, or the record belongs to another chain)",
      },
    ]);
    expect(owned!.checks.map((c) => `${c.check}:${c.status}`)).toEqual(["code:fail", "owner:fail"]);
  });

  it("reads the code itself from a node that refuses the code-hash call, and checks it the same", async () => {
    const gateway = await refusingGateway(devnet.url);
    try {
      const report = await verify(await withRecord(record), "dev", { env: { LOCAL_RPC_URL: gateway.url }, immutables });
      expect(gateway.refused()).toBeGreaterThan(0);
      const owned = report.networks[0]!.contracts[0]!;
      expect(owned).toMatchObject({ name: "Owned", codeMatch: true, ownerMatch: true });
      const bad = structuredClone(record);
      bad.contracts.Owned!.runtimeCodeHash = `0x${"11".repeat(32)}`;
      const mismatch = await verify(await withRecord(bad), "dev", { env: { LOCAL_RPC_URL: gateway.url }, immutables });
      expect(mismatch.networks[0]!.contracts[0]!.codeMatch).toBe(false);
    } finally {
      gateway.close();
    }
  });

  it("checks a proxy's EIP-1967 implementation and the implementation's code", async () => {
    const owned = record.contracts.Owned!;
    const withProxy = (implementation: string): DeploymentRecord => ({
      ...record,
      contracts: {
        Vault: {
          ...owned,
          address: proxyAddress,
          codeHash: proxyCodeHash,
          owner: undefined,
          proxy: { kind: "uups", implementation: { address: implementation, txHash: owned.txHash, codeHash: owned.codeHash } },
        },
      },
    });
    // The proxy's own code has no immutables; the implementation's are Owned's.
    const parts = (_: string, __: unknown, part: "contract" | "implementation") => (part === "contract" ? {} : refs);
    const good = await verify(await withRecord(withProxy(owned.address)), "dev", { env: env(), immutables: parts });
    expect(good.networks[0]!.contracts[0]!.checks.map((c) => `${c.check}:${c.status}`)).toEqual([
      "code:ok",
      "implementation:ok",
      "implementation code:ok",
      "initialized:ok",
    ]);
    const other = devnet.accounts[3]!.address;
    const bad = await verify(await withRecord(withProxy(other)), "dev", { env: env(), immutables: parts });
    expect(bad.ok).toBe(false);
    expect(bad.networks[0]!.contracts[0]!.checks.find((c) => c.check === "implementation")!.message).toBe(
      `the proxy points at implementation ${owned.address}, the record says ${other} (upgraded outside w3o?)`,
    );
  });

  it("fails on the wrong chain id and leaves contracts unchecked", async () => {
    const model = await withRecord(record);
    model.networks.local!.chainId = 1;
    const report = await verify(model, "dev", { env: env(), immutables });
    expect(report.ok).toBe(false);
    const checks = report.networks[0]!.checks;
    expect(checks.find((c) => c.check === "chain")).toEqual({ check: "chain", status: "fail", message: "chain id 31337, expected 1" });
    expect(report.networks[0]!.contracts).toEqual([]);
  });

  it("fails when the RPC does not answer or is not configured", async () => {
    const model = await withRecord(record);
    const down = await verify(model, "dev", { env: { LOCAL_RPC_URL: "http://127.0.0.1:1" } });
    expect(down.networks[0]!.checks[0]).toMatchObject({ check: "rpc", status: "fail" });
    model.networks.local!.rpc.default = undefined;
    const unset = await verify(model, "dev", { env: {} });
    expect(unset.networks[0]!.checks).toEqual([{ check: "rpc", status: "fail", message: "no RPC URL: set LOCAL_RPC_URL" }]);
  });

  it("w3o verify exits 0 when healthy, 1 on failure, and writes Prometheus metrics", async () => {
    await withRecord(record);
    const metrics = path.join(root, "w3o.prom");
    const good = await cli(["verify", repo, "--env", "dev", "--metrics-file", metrics], { LOCAL_RPC_URL: devnet.url });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("dev verified");
    // Without compiler output the code hash is undecided: no code-match series, the owner series is there.
    expect(readFileSync(metrics, "utf8")).toMatch(/w3o_contract_owner_match\{environment="dev",network="local",contract="Owned"\} 1/);
    writeFileSync(
      path.join(repo, "w3o.yaml"),
      readFileSync(path.join(repo, "w3o.yaml"), "utf8").replace("chainId: 31337", "chainId: 1337"),
    );
    const bad = await cli(["verify", repo, "--env", "dev", "--json"], { LOCAL_RPC_URL: devnet.url });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).ok).toBe(false);
  });
});
