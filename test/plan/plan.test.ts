import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Contract } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compile/index.js";
import type { CompiledRepo } from "../../src/compile/types.js";
import { loadModel } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { plan } from "../../src/plan/index.js";
import { planEnvironment } from "../../src/plan/run.js";
import { renderPlan, summaryLine } from "../../src/report/plan.js";
import type { DeploymentRecord, RecordedContract } from "../../src/state/record.js";
import { readRecord, writeRecord } from "../../src/state/records.js";
import { ALICE, BOX_SOL, repoHeader, tempRepo, vaultSol } from "../fixtures/contracts.js";
import { deploy, deployUups, devSigner, recordEntry, uupsRecordEntry } from "../fixtures/deploy.js";
import { runCli } from "../helpers/cli.js";
import { type CountingProxy, countingProxy } from "../helpers/countingProxy.js";

const yaml = (
  o: { boxOwner?: string; batchLimit?: number; many?: number } = {},
) => `${repoHeader("plantest", "PLANTEST_RPC_URL", o.batchLimit)}  Box:
    source: contracts/Box.sol
    networks: [local]
    args: ["\${accounts.deployer}", 42]
    owner: "${o.boxOwner ?? "${accounts.deployer}"}"
  Box2:
    source: contracts/Box.sol
    contract: Box
    networks: [local]
    args: ["\${contracts.Box}", 7]
  Vault:
    source: contracts/Vault.sol
    networks: [local]
    proxy: { kind: uups, initializer: { args: ["\${accounts.deployer}"] } }
${Array.from(
  { length: o.many ?? 0 },
  (_, i) => `  Copy${i}: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.deployer}", 42] }`,
).join("\n")}
`;

let devnet: Anvil;
let proxy: CountingProxy;
let dir: string;
let cache: string;
let compiled: CompiledRepo;
let signer: ReturnType<typeof devSigner>;
let me: string;
let entries: Record<string, RecordedContract>;

const vars = () => ({ PLANTEST_RPC_URL: proxy.url });
const run = async () => planEnvironment(await loadModel(dir), "dev", { vars: vars(), compile: { cacheDir: cache } });
const write = (file: string, content: string) => writeFile(path.join(dir, file), content);
const record = (contracts: Record<string, RecordedContract>): DeploymentRecord => ({
  version: 1,
  project: "plantest",
  environment: "dev",
  network: "local",
  chainId: 31337,
  contracts,
});
const step = (p: Awaited<ReturnType<typeof run>>["plan"], name: string) => p.networks[0]?.steps.find((s) => s.contract === name);

beforeAll(async () => {
  [devnet, dir, cache] = await Promise.all([
    startDevnet({ port: 0 }),
    tempRepo({ "w3o.yaml": yaml(), "contracts/Box.sol": BOX_SOL, "contracts/Vault.sol": vaultSol() }),
    mkdtemp(path.join(os.tmpdir(), "w3o-cache-")),
  ]);
  proxy = await countingProxy(devnet.url);
  compiled = await compile(await loadModel(dir), { cacheDir: cache });
  me = devnet.accounts[0]?.address as string;
  signer = devSigner(devnet.url, devnet.accounts[0]?.privateKey as string);
});
afterAll(async () => {
  await proxy?.close();
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe("plan on a real chain", () => {
  it("fresh devnet: everything is a create, in dependency order, with unresolved references as edges", async () => {
    const { plan: p } = await run();
    expect(p.summary).toMatchObject({ create: 3, upgrade: 0, noop: 0, drift: 0 });
    expect(summaryLine(p.summary)).toBe("Plan: 3 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted");
    const names = p.networks[0]?.steps.map((s) => s.contract);
    expect(names?.indexOf("Box")).toBeLessThan(names?.indexOf("Box2") ?? -1);
    const box2 = step(p, "Box2");
    expect(box2?.dependsOn).toEqual(["local/Box"]);
    expect(box2?.args).toEqual([{ $ref: "contracts.Box" }, 7]);
    expect(step(p, "Box")?.args).toEqual([me, 42]); // ${accounts.deployer} → the devnet key's address
    expect(step(p, "Vault")?.initializer).toEqual({ function: "initialize", args: [me] });
  });
});

// Each test below starts from the three contracts deployed and recorded, and puts back what it changes,
// so that any one of them passes alone (`-t NAME`).
describe("plan on a real chain, with the contracts deployed and recorded", () => {
  beforeAll(async () => {
    const box = await deploy(signer, compiled.contracts.Box as never, [me, 42]);
    const box2 = await deploy(signer, compiled.contracts.Box2 as never, [box.address, 7]);
    const vault = await deployUups(signer, compiled, compiled.contracts.Vault as never, [me]);
    entries = {
      Box: await recordEntry(signer, compiled.contracts.Box as never, box, [me, 42], { owner: me }),
      Box2: await recordEntry(signer, compiled.contracts.Box2 as never, box2, [box.address, 7]),
      Vault: await uupsRecordEntry(signer, compiled, compiled.contracts.Vault as never, vault, [me], me),
    };
    await writeRecord(dir, record(entries));
  });

  it("recorded and live as recorded: all noop; planning is deterministic", async () => {
    expect(await readRecord(dir, "dev", "local")).toEqual(record(entries));

    const a = await run();
    expect(a.plan.summary).toMatchObject({ create: 0, upgrade: 0, update: 0, replace: 0, noop: 3, drift: 0 });
    expect(summaryLine(a.plan.summary)).toBe("Plan: 0 to create, 0 to upgrade, 0 to remove, 3 unchanged, 0 drifted");
    const b = await run();
    expect(JSON.stringify(b.plan)).toBe(JSON.stringify(a.plan));
    // Same inputs, same plan, without touching the chain.
    expect(plan(await loadModel(dir), a.env, a.records, a.snapshots, a.artifacts)).toEqual(a.plan);
  });

  it("a comment-only edit stays noop; a code edit of a plain contract is a replace, explained", async () => {
    await write("contracts/Box.sol", BOX_SOL.replace("contract Box", "/// Reviewed.\ncontract Box"));
    const commented = await run();
    expect(commented.plan.summary.noop).toBe(3);

    await write("contracts/Box.sol", BOX_SOL.replace("value = v;", "value = v * 2;"));
    const edited = await run();
    expect(step(edited.plan, "Box")?.action).toBe("replace");
    expect(step(edited.plan, "Box")?.reasons.join(" ")).toMatch(/code changed .* cannot change in place/);
    expect(summaryLine(edited.plan.summary)).toBe("Plan: 0 to create, 0 to upgrade, 2 to replace, 0 to remove, 1 unchanged, 0 drifted");
    await write("contracts/Box.sol", BOX_SOL);
  });

  it("a changed UUPS implementation is an upgrade, with the storage layout checked against the record", async () => {
    await write("contracts/Vault.sol", vaultSol("    function version() external pure returns (uint256) { return 2; }\n"));
    const up = await run();
    const vault = step(up.plan, "Vault");
    expect(vault?.action).toBe("update");
    expect(vault?.changes).toEqual([
      expect.objectContaining({
        kind: "upgrade",
        fromImplementation: entries.Vault?.proxy?.implementation.address,
        storageLayout: "compatible",
      }),
    ]);
    expect(summaryLine(up.plan.summary)).toBe("Plan: 0 to create, 1 to upgrade, 0 to remove, 2 unchanged, 0 drifted");
    expect(renderPlan(up.plan)).toMatch(/~ upgrade Vault .*\n.*implementation code changed .*storage layout compatible/);

    // A new variable in front of `total` shifts storage: the plan says apply will refuse.
    await write("contracts/Vault.sol", vaultSol().replace("uint256 public total;", "address public guard;\n    uint256 public total;"));
    const bad = step((await run()).plan, "Vault");
    expect(bad?.changes?.[0]).toMatchObject({ kind: "upgrade", storageLayout: "incompatible" });
    expect(bad?.reasons.join(" ")).toContain("STORAGE LAYOUT INCOMPATIBLE");
    await write("contracts/Vault.sol", vaultSol());
  });

  it("a new declared owner is an ownership transfer", async () => {
    await write("w3o.yaml", yaml({ boxOwner: "${accounts.alice}" }));
    const { plan: p } = await run();
    expect(step(p, "Box")?.changes).toEqual([{ kind: "transfer-ownership", from: me, to: ALICE }]);
    expect(summaryLine(p.summary)).toBe("Plan: 0 to create, 0 to upgrade, 1 to update, 0 to remove, 2 unchanged, 0 drifted");
    await write("w3o.yaml", yaml());
  });

  it("owner changed on chain behind the record's back: drift, with the reason, and the CLI says so", async () => {
    const box = new Contract(entries.Box?.address as string, compiled.contracts.Box?.abi ?? [], signer);
    await (await box.getFunction("transferOwnership")(ALICE)).wait();
    const out = path.join(dir, "plan.json");
    // Straight to anvil: runCli blocks this process, so the in-process counting proxy could not answer.
    const cli = runCli(["plan", dir, "--env", "dev", "--out", out], { env: { PLANTEST_RPC_URL: devnet.url, W3O_CACHE_DIR: cache } });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/! drift\s+Box\s/);
    expect(cli.stdout).toContain(`owner is ${ALICE} on chain, the record says ${me} (changed outside w3o?)`);
    expect(cli.stdout).toContain("Plan: 0 to create, 0 to upgrade, 0 to remove, 2 unchanged, 1 drifted");
    const saved = JSON.parse(await readFile(out, "utf8"));
    expect(saved.summary.drift).toBe(1);
    expect(saved.inputsHash).toMatch(/^0x[0-9a-f]{64}$/);
    const { plan: p } = await run();
    expect(step(p, "Box")?.drift).toEqual([{ field: "owner", recorded: me, live: ALICE }]);

    // Put it back (alice is anvil's public key #1) for the tests after this one.
    const alice = devSigner(devnet.url, devnet.accounts[1]?.privateKey as string);
    await (await (box.connect(alice) as Contract).getFunction("transferOwnership")(me)).wait();
    expect((await run()).plan.summary.drift).toBe(0);
  });

  it("an unreachable endpoint is named by network, with the API key in its URL redacted; an unknown environment is a usage error", () => {
    const key = "k3y0123456789abcdef0123456789";
    const res = runCli(["plan", dir, "--env", "dev"], { env: { PLANTEST_RPC_URL: `http://127.0.0.1:1/v3/${key}`, W3O_CACHE_DIR: cache } });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'the RPC endpoint of network "local" (http://127.0.0.1:1/v3/***) failed 5 times: cannot connect (ECONNREFUSED)',
    );
    expect(res.stderr).toContain("Check the URL in the environment variable named by rpc.env, and that the node is up.");
    expect(res.stderr + res.stdout).not.toContain(key);
    const usage = runCli(["plan", dir, "--env", "nope"], { env: { W3O_CACHE_DIR: cache } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('no environment "nope"');
  });

  it("1,000 recorded contracts: two HTTP requests at most; ceil(calls / batchLimit) when the provider caps batches", async () => {
    const many = 1000;
    const copies = Object.fromEntries(
      Array.from({ length: many }, (_, i) => [`Copy${i}`, { ...(entries.Box as RecordedContract), owner: undefined }]),
    );
    await writeRecord(dir, record({ ...entries, ...copies }));
    await write("w3o.yaml", yaml({ many }));
    proxy.reset();
    const { plan: p } = await run();
    expect(proxy.counts.requests).toBe(2);
    expect(p.summary).toMatchObject({ noop: many + 3, drift: 0, create: 0 });
    const calls = proxy.counts.calls;

    await write("w3o.yaml", yaml({ many, batchLimit: 250 }));
    proxy.reset();
    await run();
    expect(proxy.counts.requests).toBe(Math.ceil(calls / 250));
  });
});
