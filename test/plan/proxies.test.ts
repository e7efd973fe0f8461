import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Contract, getAddress } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initCode, initializerData, proxyConstructorArgs } from "../../src/chains/evm/create2.js";
import { IMPLEMENTATION_SLOT } from "../../src/chains/evm/slots.js";
import { compile } from "../../src/compile/index.js";
import type { Artifact, CompiledRepo } from "../../src/compile/types.js";
import { loadModel } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { planEnvironment } from "../../src/plan/run.js";
import type { Address, Plan } from "../../src/plan/types.js";
import type { RecordedContract } from "../../src/state/record.js";
import { writeRecord } from "../../src/state/records.js";
import { ALICE, BOX_SOL, MINTER_SOL, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { deploy, deployCreate2, devSigner, recordEntry } from "../fixtures/deploy.js";

const yaml = (
  o: { roles?: boolean } = {},
) => `${repoHeader("proxies", "PROXIES_RPC_URL")}  Salted: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.deployer}", 1], salt: box-v1 }
  SaltedVault:
    source: contracts/Vault.sol
    contract: Vault
    networks: [local]
    salt: vault-v1
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
  Minter:
    source: contracts/Minter.sol
    networks: [local]
    args: ["\${accounts.deployer}"]
${o.roles === false ? "" : '    roles: { MINTER_ROLE: ["${accounts.alice}"] }'}
  VaultT:
    source: contracts/Vault.sol
    contract: Vault
    networks: [local]
    proxy: { kind: transparent, initializer: { args: ["\${accounts.deployer}"] } }
    admin: "\${accounts.alice}"
`;

let devnet: Anvil;
let dir: string;
let cache: string;
let compiled: CompiledRepo;
let signer: ReturnType<typeof devSigner>;
let me: string;

const run = async () =>
  (await planEnvironment(await loadModel(dir), "dev", { vars: { PROXIES_RPC_URL: devnet.url }, compile: { cacheDir: cache } })).plan;
const step = (p: Plan, name: string) => p.networks[0]?.steps.find((s) => s.contract === name);
const save = (contracts: Record<string, RecordedContract>) =>
  writeRecord(dir, { version: 1, project: "proxies", environment: "dev", network: "local", chainId: 31337, contracts });
const code = (a: string) => signer.provider?.getCode(a) as Promise<string>;

beforeAll(async () => {
  [devnet, dir, cache] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "w3o.yaml": yaml(), "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol(), "contracts/Minter.sol": MINTER_SOL }),
    mkdtemp(path.join(os.tmpdir(), "w3o-cache-")),
  ]);
  compiled = await compile(await loadModel(dir), { cacheDir: cache });
  me = devnet.accounts[0]?.address as string;
  signer = devSigner(devnet.url, devnet.accounts[0]?.privateKey as string);
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe("CREATE2, transparent proxies and roles", () => {
  it("predicts CREATE2 addresses that deploying through the factory really gives", async () => {
    const p = await run();
    const salted = step(p, "Salted");
    const vault = step(p, "SaltedVault");
    expect(salted?.kind).toBe("create2");
    expect(salted?.expectedAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(vault?.expectedImplementation).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(p.networks[0]?.steps.filter((s) => s.action === "create")).toHaveLength(4);
    expect(await code(salted?.expectedAddress as string)).toBe("0x");

    const box = compiled.contracts.Salted as Artifact;
    await deployCreate2(signer, initCode(box, salted?.args as unknown[]), "box-v1");
    expect(await code(salted?.expectedAddress as string)).not.toBe("0x");

    const impl = compiled.contracts.SaltedVault as Artifact;
    await deployCreate2(signer, initCode(impl, []), "vault-v1");
    const data = initializerData(impl, "initialize", vault?.initializer?.args as unknown[]);
    const args = proxyConstructorArgs("uups", vault?.expectedImplementation as Address, data);
    await deployCreate2(signer, initCode(compiled.proxies.ERC1967Proxy, args), "vault-v1");
    const slot = await signer.provider?.getStorage(vault?.expectedAddress as string, IMPLEMENTATION_SLOT);
    expect(getAddress(`0x${slot?.slice(-40)}`)).toBe(vault?.expectedImplementation);
  });

  it("roles: declared but not granted → grant; granted → noop; revoked on chain → drift; dropped from the repo → revoke", async () => {
    const minterArt = compiled.contracts.Minter as Artifact;
    const deployed = await deploy(signer, minterArt, [me]);
    const entry = await recordEntry(signer, minterArt, deployed, [me]);
    await save({ Minter: entry });
    const grant = step(await run(), "Minter");
    expect(grant?.action).toBe("update");
    expect(grant?.changes).toEqual([
      { kind: "grant-role", role: "MINTER_ROLE", roleId: expect.stringMatching(/^0x9f2df0fe/), account: ALICE },
    ]);
    expect(grant?.reasons).toEqual([`grant MINTER_ROLE to ${ALICE}`]);

    const minter = new Contract(deployed.address, minterArt.abi, signer);
    const role = await minter.getFunction("MINTER_ROLE")();
    await (await minter.getFunction("grantRole")(role, ALICE)).wait();
    await save({ Minter: { ...entry, roles: { MINTER_ROLE: [ALICE] } } });
    expect(step(await run(), "Minter")?.action).toBe("noop");

    await (await minter.getFunction("revokeRole")(role, ALICE)).wait();
    const drift = step(await run(), "Minter");
    expect(drift?.action).toBe("drift");
    expect(drift?.reasons).toEqual([`MINTER_ROLE granted to ${ALICE}, but on chain it is not granted (revoked outside w3o?)`]);

    await (await minter.getFunction("grantRole")(role, ALICE)).wait();
    await writeFile(path.join(dir, "w3o.yaml"), yaml({ roles: false }));
    const revoke = step(await run(), "Minter");
    expect(revoke?.changes).toEqual([{ kind: "revoke-role", role: "MINTER_ROLE", roleId: expect.any(String), account: ALICE }]);
    await writeFile(path.join(dir, "w3o.yaml"), yaml());
  });

  it("transparent proxy: a new declared admin is a ProxyAdmin transfer; a transfer behind the record's back is drift", async () => {
    const impl = compiled.contracts.VaultT as Artifact;
    const implementation = await deploy(signer, impl);
    const init = initializerData(impl, "initialize", [me]);
    const proxy = await deploy(signer, compiled.proxies.TransparentUpgradeableProxy, [implementation.address, me, init]);
    const adminSlot = await signer.provider?.getStorage(
      proxy.address,
      "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103",
    );
    const proxyAdmin = getAddress(`0x${adminSlot?.slice(-40)}`);
    const base = await recordEntry(signer, compiled.proxies.TransparentUpgradeableProxy, proxy, [implementation.address, me, init]);
    const entry: RecordedContract = {
      ...base,
      source: impl.source,
      contract: impl.name,
      owner: me,
      proxy: {
        kind: "transparent",
        implementation: {
          address: implementation.address,
          txHash: implementation.txHash,
          codeHash: impl.codeHash,
          storageLayout: impl.storageLayout,
        },
        admin: proxyAdmin,
        adminOwner: me,
      },
    };
    await save({ VaultT: entry });
    const transfer = step(await run(), "VaultT");
    expect(transfer?.action).toBe("update");
    expect(transfer?.changes).toEqual([{ kind: "transfer-proxy-admin", proxyAdmin, from: me, to: ALICE }]);

    const admin = new Contract(proxyAdmin, compiled.proxies.ProxyAdmin.abi, signer);
    await (await admin.getFunction("transferOwnership")(ALICE)).wait();
    const drift = step(await run(), "VaultT");
    expect(drift?.action).toBe("drift");
    expect(drift?.drift).toEqual([{ field: "proxy-admin-owner", recorded: me, live: ALICE }]);
    expect(drift?.reasons).toEqual([`the ProxyAdmin is owned by ${ALICE}, the record says ${me}`]);
  });
});
