import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Contract, getAddress, JsonRpcProvider, keccak256 } from "ethers";
import { Rpc } from "../src/chains/evm/client.js";
import { rpcBatch } from "../src/chains/evm/rpc.js";
import { ADMIN_SLOT, IMPLEMENTATION_SLOT, INITIALIZABLE_SLOT } from "../src/chains/evm/slots.js";
import { snapshotNetwork } from "../src/chains/evm/snapshot.js";
import { compile, strippedCodeHash } from "../src/compile/index.js";
import { loadModel } from "../src/config/load.js";
import { startDevnet } from "../src/devnet/index.js";
import { plan, snapshotTargets } from "../src/plan/index.js";
import { accountAddresses } from "../src/plan/run.js";
import type { Address, Hex, LiveContract, NetworkSnapshot, Plan, SnapshotTarget } from "../src/plan/types.js";
import { writeRecord } from "../src/state/records.js";
import { BOX_SOL, repoHeader, tempRepo } from "../test/fixtures/contracts.js";
import { deploy, devSigner, recordEntry } from "../test/fixtures/deploy.js";
import { countingProxy } from "../test/helpers/countingProxy.js";
import type { BenchResult } from "./types.js";

const N = 1000;

const repoYaml = `${repoHeader("bench", "BENCH_RPC_URL")}${Array.from({ length: N }, (_, i) => `  Box${i}: { source: contracts/Box.sol, contract: Box, networks: [local], args: ["\${accounts.deployer}", 42], owner: "\${accounts.deployer}" }`).join("\n")}
`;

/** The baseline: what a script without batching does, one JSON-RPC call per HTTP request, one after the other. */
async function naiveSnapshot(url: string, targets: Record<string, SnapshotTarget>): Promise<NetworkSnapshot> {
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  const chainId = Number((await provider.getNetwork()).chainId);
  const blockNumber = await provider.getBlockNumber();
  const contracts: Record<string, LiveContract> = {};
  const slotAddr = (w: string) => (/^0x0*$/.test(w) ? null : (getAddress(`0x${w.slice(-40)}`) as Address));
  for (const name of Object.keys(targets).sort()) {
    const t = targets[name] as SnapshotTarget;
    const code = (await provider.getCode(t.address)) as Hex;
    const impl = await provider.getStorage(t.address, IMPLEMENTATION_SLOT);
    const admin = await provider.getStorage(t.address, ADMIN_SLOT);
    const init = await provider.getStorage(t.address, INITIALIZABLE_SLOT);
    let owner: Address | null = null;
    try {
      owner = getAddress(
        await new Contract(t.address, ["function owner() view returns (address)"], provider).getFunction("owner")(),
      ) as Address;
    } catch {}
    contracts[name] = {
      address: getAddress(t.address) as Address,
      // What a script without CodeHashes does: the whole code over the wire, hashed here.
      codeHash: code === "0x" ? null : (keccak256(code) as Hex),
      strippedHash: code === "0x" ? null : strippedCodeHash(code, t.immutables),
      implementation: slotAddr(impl),
      admin: slotAddr(admin),
      initialized: BigInt(`0x${init.slice(-16)}`).toString(),
      owner,
    };
  }
  provider.destroy();
  return { network: "local", chainId, blockNumber, contracts, stats: { httpRequests: 0, rpcCalls: 0 } };
}

/** Plan 1,000 recorded contracts on anvil: batched snapshot vs one RPC call per read, same run, same plan. */
export async function benchPlan(): Promise<BenchResult> {
  const devnet = await startDevnet({ port: 0 });
  const proxy = await countingProxy(devnet.url);
  const cache = await mkdtemp(path.join(os.tmpdir(), "w3o-bench-plan-"));
  const dir = await tempRepo({ "w3o.yaml": repoYaml, "contracts/Box.sol": BOX_SOL });
  try {
    const model = await loadModel(dir);
    const artifacts = await compile(model, { cacheDir: cache });
    const artifact = artifacts.contracts.Box0;
    if (!artifact) throw new Error("Box did not compile");
    const signer = devSigner(devnet.url, devnet.accounts[0]?.privateKey as string);
    const me = devnet.accounts[0]?.address as string;
    const box = await deploy(signer, artifact, [me, 42]);
    const entry = await recordEntry(signer, artifact, box, [me, 42], { owner: me });
    // 1,000 distinct live copies (code + Ownable's slot 0), set in one batch, so no read is served from a cache.
    const addresses = Array.from({ length: N }, (_, i) =>
      getAddress(`0x${(0xb0c5n * 2n ** 100n + BigInt(i)).toString(16).padStart(40, "0")}`),
    );
    const code = await signer.provider?.getCode(box.address);
    const ownerWord = `0x${me.slice(2).toLowerCase().padStart(64, "0")}`;
    await rpcBatch(
      devnet.url,
      addresses.flatMap((a) => [
        { method: "anvil_setCode", params: [a, code] },
        { method: "anvil_setStorageAt", params: [a, "0x0", ownerWord] },
      ]),
    );
    const contracts = Object.fromEntries(addresses.map((address, i) => [`Box${i}`, { ...entry, address }]));
    const record = { version: 1 as const, project: "bench", environment: "dev", network: "local", chainId: 31337, contracts };
    await writeRecord(dir, record);
    const env = { name: "dev", accounts: accountAddresses(model, "dev", {}) };
    const targets = snapshotTargets(model, env, record, artifacts);

    const measure = async (read: () => Promise<NetworkSnapshot>) => {
      proxy.reset();
      const t0 = performance.now();
      const snapshot = await read();
      const t1 = performance.now();
      const p: Plan = plan(model, env, { local: record }, { local: snapshot }, artifacts);
      const t2 = performance.now();
      if (process.env.W3O_BENCH_DEBUG) process.stderr.write(`read ${(t1 - t0).toFixed(0)} ms, plan ${(t2 - t1).toFixed(0)} ms\n`);
      return { ms: t2 - t0, requests: proxy.counts.requests, plan: p };
    };
    const batchedRead = () => snapshotNetwork({ network: "local", rpc: new Rpc(proxy.url), chainId: 31337, targets });
    await measure(batchedRead); // warm-up: JIT and first-use costs are not what is compared
    const runs = [await measure(batchedRead), await measure(batchedRead), await measure(batchedRead)].sort((a, b) => a.ms - b.ms);
    const batched = runs[1] as (typeof runs)[number];
    const naive = await measure(() => naiveSnapshot(proxy.url, targets));
    if (batched.plan.summary.noop !== N || naive.plan.summary.noop !== N) {
      throw new Error(`expected ${N} noop steps, got ${batched.plan.summary.noop} (batched) and ${naive.plan.summary.noop} (naive)`);
    }
    const capped = await measure(() =>
      snapshotNetwork({ network: "local", rpc: new Rpc(proxy.url, { batchLimit: 100 }), chainId: 31337, targets }),
    );
    return {
      name: `plan ${N} recorded contracts (anvil, through a counting loopback proxy)`,
      rows: [
        { label: "w3o: batched reads in two halves + Multicall3 (median of 3)", ms: batched.ms, requests: batched.requests },
        { label: "w3o: provider caps batches at 100", ms: capped.ms, requests: capped.requests },
        { label: "naive: one RPC call per read", ms: naive.ms, requests: naive.requests },
      ],
      summary: `batched plan is ${(naive.ms / batched.ms).toFixed(1)}× faster than naive, with ${naive.requests / batched.requests}× fewer HTTP requests (${batched.requests} vs ${naive.requests})`,
    };
  } finally {
    await proxy.close();
    await devnet.stop();
    await rm(cache, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
