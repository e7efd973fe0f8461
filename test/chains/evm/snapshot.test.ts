import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getAddress, Interface, keccak256 } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rpc } from "../../../src/chains/evm/client.js";
import { rpcBatch } from "../../../src/chains/evm/rpc.js";
import { ChainIdMismatchError, snapshotNetwork } from "../../../src/chains/evm/snapshot.js";
import type { CompiledRepo } from "../../../src/compile/types.js";
import { type Anvil, startDevnet } from "../../../src/devnet/index.js";
import { BOX_SOL, compileBoxAndVault, tempRepo, vaultSol } from "../../fixtures/contracts.js";
import { type Deployed, deploy, deployUups, devSigner } from "../../fixtures/deploy.js";
import { type CountingProxy, countingProxy } from "../../helpers/countingProxy.js";
import { refusingGateway } from "../../helpers/refusingGateway.js";

let devnet: Anvil;
let proxy: CountingProxy;
let compiled: CompiledRepo;
let dir: string;
let cache: string;
let box: Deployed;
let vault: Awaited<ReturnType<typeof deployUups>>;
let transparent: Deployed;
let proxyAdmin: string;
const owner2 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

beforeAll(async () => {
  [devnet, dir, cache] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() }),
    mkdtemp(path.join(os.tmpdir(), "w3o-cache-")),
  ]);
  proxy = await countingProxy(devnet.url);
  compiled = await compileBoxAndVault(dir, cache);
  const me = devnet.accounts[0]?.address as string;
  const signer = devSigner(devnet.url, devnet.accounts[0]?.privateKey as string);
  box = await deploy(signer, compiled.contracts.Box as never, [me, 42]);
  vault = await deployUups(signer, compiled, compiled.contracts.Vault as never, [me]);
  const init = new Interface(compiled.contracts.Vault?.abi ?? []).encodeFunctionData("initialize", [me]);
  const impl2 = await deploy(signer, compiled.contracts.Vault as never);
  transparent = await deploy(signer, compiled.proxies.TransparentUpgradeableProxy, [impl2.address, owner2, init]);
  const adminSlot = await signer.provider?.getStorage(
    transparent.address,
    "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
  );
  proxyAdmin = getAddress(`0x${adminSlot?.slice(-40)}`);
});
afterAll(async () => {
  await proxy?.close();
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe("snapshotNetwork", () => {
  it("reads code hashes, EIP-1967 slots, initialized, owners in one HTTP request", async () => {
    proxy.reset();
    const nobody = "0x000000000000000000000000000000000000dEaD";
    const snap = await snapshotNetwork({
      network: "local",
      rpc: new Rpc(proxy.url),
      chainId: 31337,
      targets: {
        Box: { address: box.address as never, immutables: compiled.contracts.Box?.immutableReferences },
        Vault: {
          address: vault.proxy.address as never,
          implementation: vault.implementation.address as never,
          implementationImmutables: compiled.contracts.Vault?.immutableReferences,
        },
        VaultImpl: { address: vault.implementation.address as never },
        Transparent: { address: transparent.address as never, proxyAdmin: proxyAdmin as never },
        Missing: { address: nobody },
      },
    });
    expect(proxy.counts.requests).toBe(1);
    expect(snap.stats.httpRequests).toBe(1);
    expect(snap.chainId).toBe(31337);
    expect(snap.blockNumber).toBeGreaterThan(0);

    const b = snap.contracts.Box;
    // Box's immutable is filled in on chain: the stripped hash, taken with immutables zeroed, is the compiled one.
    expect(b?.strippedHash).toBe(compiled.contracts.Box?.codeHash);
    const live = (await rpcBatch(devnet.url, [{ method: "eth_getCode", params: [box.address, "latest"] }]))[0]?.result as string;
    expect(b?.codeHash).toBe(keccak256(live));
    expect(b?.implementation).toBeNull();
    expect(b?.owner).toBe(devnet.accounts[0]?.address);

    const v = snap.contracts.Vault;
    expect(v?.implementation).toBe(vault.implementation.address);
    expect(v?.initialized).toBe("1");
    expect(v?.owner).toBe(devnet.accounts[0]?.address); // through the proxy
    // UUPSUpgradeable keeps `address(this)` in an immutable: zeroing it is what makes the hashes meet.
    expect(snap.contracts.VaultImpl?.strippedHash).not.toBe(compiled.contracts.Vault?.codeHash); // asked without its immutables
    expect(v?.implementationStrippedHash).toBe(compiled.contracts.Vault?.codeHash);
    expect(v?.implementationCodeHash).toBe(snap.contracts.VaultImpl?.codeHash);
    expect(v?.strippedHash).toBe(compiled.proxies.ERC1967Proxy.codeHash);
    expect(snap.contracts.VaultImpl?.initialized).toBe((2n ** 64n - 1n).toString()); // _disableInitializers()

    const t = snap.contracts.Transparent;
    expect(t?.admin).toBe(proxyAdmin);
    expect(t?.proxyAdminOwner).toBe(owner2);

    expect(snap.contracts.Missing).toMatchObject({
      codeHash: null,
      strippedHash: null,
      owner: null,
      implementation: null,
      initialized: "0",
    });
  });

  it("reads AccessControl roles through the same multicall", async () => {
    const me = devnet.accounts[0]?.address as string;
    // ProxyAdmin is Ownable without AccessControl: hasRole reverts, which reads as "not granted".
    const snap = await snapshotNetwork({
      network: "local",
      rpc: new Rpc(devnet.url),
      targets: { Admin: { address: proxyAdmin as never, roles: [{ role: "MINTER_ROLE", account: me as never }] } },
    });
    expect(snap.contracts.Admin?.roles).toEqual({ [`MINTER_ROLE:${me}`]: false });
  });

  it("refuses an endpoint on another chain, without printing the URL's credentials", async () => {
    const err = await snapshotNetwork({
      network: "sepolia",
      rpc: new Rpc(`${proxy.url}/v3/abcdef0123456789abcdef0123456789`),
      chainId: 11155111,
      targets: {},
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ChainIdMismatchError);
    expect(err.message).toContain('the RPC endpoint for network "sepolia" is on chain 31337, but w3o.yaml says chainId 11155111');
    expect(err.message).not.toContain("abcdef0123456789abcdef0123456789");
  });

  it("reads the code itself from an endpoint that refuses the code-hash call, and gives the same hashes", async () => {
    const targets = {
      Box: { address: box.address as never, immutables: compiled.contracts.Box?.immutableReferences },
      Vault: {
        address: vault.proxy.address as never,
        implementation: vault.implementation.address as never,
        implementationImmutables: compiled.contracts.Vault?.immutableReferences,
      },
      Missing: { address: "0x000000000000000000000000000000000000dEaD" as never },
    };
    const direct = await snapshotNetwork({ network: "local", rpc: new Rpc(devnet.url), chainId: 31337, targets });
    const gateway = await refusingGateway(devnet.url);
    try {
      const viaGateway = await snapshotNetwork({ network: "local", rpc: new Rpc(gateway.url), chainId: 31337, targets });
      expect(gateway.refused()).toBe(1);
      expect(viaGateway.stats.httpRequests).toBe(2); // the batch, then the code of the contracts it could not hash
      expect(viaGateway.contracts).toEqual(direct.contracts);
      expect(viaGateway.contracts.Box?.strippedHash).toBe(compiled.contracts.Box?.codeHash);
    } finally {
      gateway.close();
    }
  });

  it("1,000 contracts: two concurrent halves without a batch limit, ceil(calls / limit) with one", async () => {
    const targets = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`C${i}`, { address: (i % 2 ? box.address : vault.proxy.address) as never }]),
    );
    proxy.reset();
    const unlimited = await snapshotNetwork({ network: "local", rpc: new Rpc(proxy.url), chainId: 31337, targets });
    expect(proxy.counts.requests).toBe(2);
    const calls = proxy.counts.calls;
    expect([...proxy.counts.batchSizes].sort((a, b) => a - b)).toEqual([Math.floor(calls / 2), Math.ceil(calls / 2)]);
    expect(calls).toBe(3 + 3 * 1000 + 4 + 2); // chainId, blockNumber, genesis block, 3 slots each; code hashes in 4 calls (300 a call), owner() in 2 aggregate3
    expect(Object.values(unlimited.contracts).filter((c) => c.owner === devnet.accounts[0]?.address)).toHaveLength(1000);

    proxy.reset();
    const limited = await snapshotNetwork({ network: "local", rpc: new Rpc(proxy.url, { batchLimit: 300 }), chainId: 31337, targets });
    expect(proxy.counts.requests).toBe(Math.ceil(calls / 300));
    expect(Math.max(...proxy.counts.batchSizes)).toBe(300);
    expect(limited.contracts).toEqual(unlimited.contracts);
  });
});
