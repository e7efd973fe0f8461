import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Interface } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Expectation, proxyAdminOf, verifyDeployed } from "../../src/apply/verify.js";
import { Rpc } from "../../src/chains/evm/client.js";
import { ADMIN_SLOT } from "../../src/chains/evm/slots.js";
import type { Artifact, CompiledRepo } from "../../src/compile/types.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { BOX_SOL, compileBoxAndVault, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { type Deployed, deploy, deployUups, devSigner } from "../fixtures/deploy.js";

let devnet: Anvil;
let dir: string;
let cache: string;
let compiled: CompiledRepo;
let me: string;
let box: Deployed;
let uups: Awaited<ReturnType<typeof deployUups>>;
let transparent: Deployed;
beforeAll(async () => {
  [devnet, dir, cache] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() }),
    mkdtemp(path.join(os.tmpdir(), "w3o-cache-")),
  ]);
  compiled = await compileBoxAndVault(dir, cache);
  const signer = devSigner(devnet.url, devnet.accounts[0]!.privateKey);
  me = await signer.getAddress();
  const vault = compiled.contracts.Vault as Artifact;
  box = await deploy(signer, compiled.contracts.Box as Artifact, [me, 42]);
  uups = await deployUups(signer, compiled, vault, [me]);
  const init = new Interface(vault.abi).encodeFunctionData("initialize", [me]);
  transparent = await deploy(signer, compiled.proxies.TransparentUpgradeableProxy, [uups.implementation.address, me, init]);
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
  await Promise.all([dir, cache].map((d) => d && rm(d, { recursive: true, force: true })));
});

const verify = (...e: Expectation[]) => verifyDeployed(new Rpc(devnet.url), "local", 31337, compiled, e);
const boxAt = (address: string): Expectation => ({ contract: "Box", address, kind: "plain", owner: me, expect: [] });
const vaultAt = (kind: "uups" | "transparent", address: string, implementation: string): Expectation => ({
  contract: "Vault",
  address,
  kind,
  implementation,
  initializer: true,
  owner: me,
  ...(kind === "transparent" ? { adminOwner: me } : {}),
  expect: [],
});

describe("apply's post-deploy checks (plan's snapshot and comparison, with what was just deployed)", () => {
  it("pass on what was deployed as compiled and declared, the transparent proxy's admin slot included", async () => {
    // One expectation per contract name, as in a run: the snapshot is keyed by name.
    const [b, u] = await verify(boxAt(box.address), vaultAt("uups", uups.proxy.address, uups.implementation.address));
    const [t] = await verify(vaultAt("transparent", transparent.address, uups.implementation.address));
    expect(b).toMatchObject({ ok: true, problems: [] });
    expect(b!.checks).toEqual(["runtime code matches the compiled code", `owner is ${me}`]);
    expect(u).toMatchObject({ ok: true, problems: [] });
    expect(u!.checks).toContain("initializer was called");
    expect(t).toMatchObject({ ok: true, problems: [] });
    expect(t!.checks).toContain("proxy admin is the ProxyAdmin it created");
    expect(t!.checks).toContain(`ProxyAdmin owner is ${me}`);
  });

  it("say what was deployed differs from what was compiled, in words that fit right after a deploy", async () => {
    const [wrongCode, wrongImpl] = await verify(boxAt(uups.implementation.address), vaultAt("uups", uups.proxy.address, box.address));
    expect(wrongCode!.ok).toBe(false);
    expect(wrongCode!.problems).toContain(`deployed code at ${uups.implementation.address} differs from the compiled code of Box`);
    expect(wrongImpl!.problems).toContain(`proxy implementation slot holds ${uups.implementation.address}, expected ${box.address}`);
    for (const p of [...wrongCode!.problems, ...wrongImpl!.problems]) expect(p).not.toMatch(/outside w3o|record/);
  });

  it("fail when a transparent proxy's EIP-1967 admin is not the ProxyAdmin it created", async () => {
    const stranger = devnet.accounts[7]!.address;
    const rpc = new Rpc(devnet.url);
    const before = await rpc.call<string>("eth_getStorageAt", [transparent.address, ADMIN_SLOT, "latest"]);
    await rpc.call("anvil_setStorageAt", [transparent.address, ADMIN_SLOT, `0x${stranger.slice(2).toLowerCase().padStart(64, "0")}`]);
    try {
      const [t] = await verify(vaultAt("transparent", transparent.address, uups.implementation.address));
      expect(t!.problems).toContain(
        `proxy admin slot holds ${stranger}, expected the ProxyAdmin it created (${proxyAdminOf(transparent.address)})`,
      );
    } finally {
      await rpc.call("anvil_setStorageAt", [transparent.address, ADMIN_SLOT, before]);
    }
  });
});
