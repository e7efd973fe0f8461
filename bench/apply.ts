import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ContractFactory, getCreateAddress, Interface, type JsonRpcPayload, JsonRpcProvider, type JsonRpcResult, Wallet } from "ethers";
import { type ApplyEvent, applyEnvironment } from "../src/apply/index.js";
import { codeHashRequests } from "../src/chains/evm/codeHashes.js";
import { ADMIN_SLOT, IMPLEMENTATION_SLOT, INITIALIZABLE_SLOT } from "../src/chains/evm/slots.js";
import { compile } from "../src/compile/index.js";
import type { Artifact } from "../src/compile/types.js";
import { loadModel } from "../src/config/load.js";
import { devAccounts, startDevnet } from "../src/devnet/index.js";
import { planEnvironment } from "../src/plan/run.js";
import { openState } from "../src/state/db.js";
import { fileRecordSink } from "../src/state/records.js";
import { countingProxy } from "../test/helpers/countingProxy.js";
import { cpuMs } from "./cpu.js";
import type { BenchResult } from "./types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKENS = 50;
const REGISTRIES = 25;
const PROXIES = 25;

/** A repo with 100 contracts: 50 tokens, 25 registries each taking a token's address, 25 UUPS proxies. */
async function benchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-bench-apply-"));
  await cp(path.join(ROOT, "test/fixtures/apply-repo/contracts"), path.join(dir, "contracts"), { recursive: true });
  const contracts: string[] = [];
  for (let i = 0; i < TOKENS; i++)
    contracts.push(
      `  T${i}: { source: contracts/Token.sol, contract: Token, networks: [local], args: ["Token ${i}", "T${i}", "\${accounts.deployer}"] }`,
    );
  for (let i = 0; i < REGISTRIES; i++)
    contracts.push(`  R${i}: { source: contracts/Registry.sol, contract: Registry, networks: [local], args: ["\${contracts.T${i}}"] }`);
  for (let i = 0; i < PROXIES; i++) {
    contracts.push(
      `  B${i}: { source: contracts/Box.sol, contract: Box, networks: [local], proxy: { kind: uups, initializer: { function: initialize, args: ["\${accounts.deployer}", ${i}] } } }`,
    );
  }
  await writeFile(
    path.join(dir, "w3o.yaml"),
    `version: 1
project: bench
compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: cancun }
environments: { dev: { networks: [local] } }
networks: { local: { chain: ethereum, chainId: 31337, rpc: { env: BENCH_RPC_URL }, confirmations: 0 } }
accounts: { deployer: { signer: { devnet: 0 } } }
contracts:
${contracts.join("\n")}
`,
  );
  return dir;
}

/**
 * Anvil's automine mines one block per incoming tx, up to the 30M block gas limit: 125 deploys sent in one
 * batch can leave a backlog that no later tx comes to mine. A 1G gas limit (same for all three) removes that
 * devnet artefact from the comparison.
 */
async function freshDevnet() {
  const devnet = await startDevnet({ port: 0 });
  await fetch(devnet.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_setBlockGasLimit", params: ["0x3b9aca00"] }),
  });
  return devnet;
}

type Tx = { artifact: Artifact; args: unknown[] };

/** The deploy txs in dependency order, with addresses from the deployer's nonces (what every contender sends). */
function deployTxs(art: Record<string, Artifact>, box: Artifact, proxy: Artifact, from: string): Tx[] {
  const txs: Tx[] = [];
  const tokenAt: string[] = [];
  for (let i = 0; i < TOKENS; i++) {
    tokenAt.push(getCreateAddress({ from, nonce: txs.length }));
    txs.push({ artifact: art.T0!, args: [`Token ${i}`, `T${i}`, from] });
  }
  for (let i = 0; i < REGISTRIES; i++) txs.push({ artifact: art.R0!, args: [tokenAt[i]] });
  for (let i = 0; i < PROXIES; i++) {
    const impl = getCreateAddress({ from, nonce: txs.length });
    txs.push({ artifact: box, args: [] });
    txs.push({ artifact: proxy, args: [impl, new Interface(box.abi).encodeFunctionData("initialize", [from, i])] });
  }
  return txs;
}

/** Wall time, HTTP requests, and CPU time of this process's event loop (client) and of anvil (node). */
type Run = { ms: number; requests: number; clientCpuMs: number; nodeCpuMs: number; phases?: Phases };
/** Where a w3o apply's time went: lock + plan + signers, then the txs (priced, journaled, signed, sent, mined), then verify + record. */
type Phases = { plan: number; txs: number; after: number };

/** Times fn on a devnet, with the CPU both sides spent meanwhile: on 2 cores, the client's CPU competes with the node's. */
async function timed(devnetPid: number, fn: () => Promise<void>): Promise<Omit<Run, "requests">> {
  const [c0, n0, t0] = [cpuMs(process.pid, { mainThreadOnly: true }), cpuMs(devnetPid), performance.now()];
  await fn();
  return { ms: performance.now() - t0, clientCpuMs: cpuMs(process.pid, { mainThreadOnly: true }) - c0, nodeCpuMs: cpuMs(devnetPid) - n0 };
}

const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;

/** Each contender on a fresh devnet behind a counting proxy; returns wall time and HTTP requests. */
async function onFreshDevnet(
  run: (url: string, devnet: Awaited<ReturnType<typeof freshDevnet>>) => Promise<Phases | undefined | void>,
): Promise<Run> {
  const devnet = await freshDevnet();
  const proxy = await countingProxy(devnet.url);
  try {
    let phases: Phases | undefined;
    const t = await timed(devnet.process.pid!, async () => {
      phases = (await run(proxy.url, devnet)) ?? undefined;
    });
    if (process.env.W3O_BENCH_DEBUG) process.stderr.write(`  run: ${JSON.stringify({ ...t, phases, requests: proxy.counts.requests })}\n`);
    return { ...t, phases, requests: proxy.counts.requests };
  } finally {
    await proxy.close();
    await devnet.stop();
  }
}

const REPEAT = 7;

/** Anvil's automine left pre-signed txs unmined (foundry-rs/foundry#10122): w3o replaces such txs; raw cannot. */
class Wedged extends Error {}

/**
 * A raw or floor run that anvil's automine wedged measures the devnet, not the contender: it runs
 * again on a fresh devnet (at most twice), and the summary says how often that happened.
 */
async function unwedged(run: () => Promise<Run>, count: { n: number }): Promise<Run> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof Wedged) || attempt === 2) throw e;
      count.n++;
    }
  }
}

/** The median w3o run's phases; its tx phase is the part of apply that does what the raw limit does (and checks it). */
const phaseLine = (w: Run, r: Run) =>
  w.phases
    ? `Median w3o run: lock + plan ${w.phases.plan.toFixed(0)} ms, txs priced/journaled/signed/sent/mined ${w.phases.txs.toFixed(0)} ms (${(w.phases.txs / r.ms).toFixed(2)}× raw), verify + record ${w.phases.after.toFixed(0)} ms`
    : "";

export async function benchApply(): Promise<BenchResult> {
  const dir = await benchRepo();
  const model = await loadModel(dir);
  const compiled = await compile(model); // warm the cache: no contender pays for solc
  const box = compiled.contracts.B0!;
  const proxyArt = compiled.proxies.ERC1967Proxy;
  // Gas each deploy used in the naive run: the raw limit signs with the same margin w3o uses on estimates.
  const gasUsed: bigint[] = [];
  let applies = 0;
  const temps: string[] = [];
  const w3o = (recordDir: string | undefined) => async (url: string) => {
    const vars = { ...process.env, BENCH_RPC_URL: url };
    const statePath = path.join(dir, `.w3o/state-${applies++}.db`);
    const t0 = performance.now();
    let started = 0;
    let lastDone = 0;
    const onEvent = (e: ApplyEvent) => {
      if (e.type === "network-start") started = performance.now();
      if (e.type === "op-done") lastDone = performance.now();
    };
    // Opening the store is timed with the run, as it was when apply opened it itself.
    const store = await openState(statePath);
    const records = fileRecordSink(recordDir ?? model.dir);
    const result = await applyEnvironment(model, "dev", { vars, store, records, onEvent }).finally(() => store.close());
    if (result.failed.length) throw new Error(`bench apply failed: ${result.failed.join("; ")}`);
    return { plan: started - t0, txs: lastDone - started, after: performance.now() - lastDone };
  };
  const naive = async (url: string, devnet: { accounts: { privateKey: string }[] }) => {
    const provider = new JsonRpcProvider(url, 31337, { staticNetwork: true, pollingInterval: 10, cacheTimeout: -1 });
    provider.pollingInterval = 10;
    const wallet = new Wallet(devnet.accounts[0]!.privateKey, provider);
    for (const t of deployTxs(compiled.contracts, box, proxyArt, wallet.address)) {
      const c = await new ContractFactory(t.artifact.abi, t.artifact.bytecode, wallet).deploy(...t.args);
      await c.waitForDeployment();
      if (gasUsed.length < TOKENS + REGISTRIES + 2 * PROXIES) gasUsed.push((await c.deploymentTransaction()!.wait())!.gasUsed);
    }
    provider.destroy();
  };
  // The raw limit: the same txs pre-signed with explicit nonces (signing is not timed), sent in one batch, receipts polled.
  const post = async (url: string, body: (Omit<JsonRpcPayload, "jsonrpc"> & { jsonrpc: string })[]) =>
    (await (
      await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    ).json()) as JsonRpcResult[];
  const raw = async (url: string, signed: string[]) => {
    const sent = await post(
      url,
      signed.map((r, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [r] })),
    );
    const refused = sent.filter((r) => !r.result);
    if (refused.length) throw new Error(`raw send refused: ${JSON.stringify(refused[0]).slice(0, 300)}`);
    const hashes = sent.map((r) => r.result as string);
    for (const deadline = Date.now() + 3_000; ; ) {
      const receipts = await post(
        url,
        hashes.map((h, id) => ({ jsonrpc: "2.0", id, method: "eth_getTransactionReceipt", params: [h] })),
      );
      if (receipts.every((r) => r.result)) break;
      if (Date.now() > deadline) throw new Wedged(`raw limit: ${receipts.filter((r) => !r.result).length} txs still unmined after 3 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  // The node-side floor of any careful apply: the raw limit plus what the node must do for the checks w3o
  // makes — one batch pricing every tx first (as w3o does: see estimate.ts)
  // and one batch reading back code hashes and proxy slots afterwards. Nothing of w3o's own work is in it.
  /** The careful floor's requests, made before the clock starts. */
  const carefulRequests = (from: string) => {
    const txs = deployTxs(compiled.contracts, box, proxyArt, from);
    const created = txs.map((_, nonce) => getCreateAddress({ from, nonce }));
    // As w3o prices them: one execution (eth_createAccessList) for a tx that needs nothing unmined;
    // eth_estimateGas against its dependency's code (a state override) for a registry or a proxy.
    const estimates = txs.map((t, nonce) => {
      const data = t.artifact.bytecode + new Interface(t.artifact.abi).encodeDeploy(t.args).slice(2);
      const dep =
        t.artifact === proxyArt
          ? { at: t.args[0] as string, code: box.deployedBytecode }
          : t.artifact === compiled.contracts.R0
            ? { at: t.args[0] as string, code: compiled.contracts.T0!.deployedBytecode }
            : undefined;
      if (!dep) return { jsonrpc: "2.0", id: nonce, method: "eth_createAccessList", params: [{ from, data }, "latest"] };
      const overrides = { [dep.at]: { code: dep.code }, [from]: { nonce: `0x${nonce.toString(16)}` } };
      return { jsonrpc: "2.0", id: nonce, method: "eth_estimateGas", params: [{ from, data }, "latest", overrides] };
    });
    const slots = [IMPLEMENTATION_SLOT, ADMIN_SLOT, INITIALIZABLE_SLOT];
    // Code read back as w3o reads it: its hashes, computed on the node (chains/evm/codeHashes.ts).
    const readBack = [
      ...codeHashRequests(created.map((address) => ({ address }))).map((c, id) => ({ jsonrpc: "2.0", id, ...c })),
      ...created.flatMap((a, i) =>
        slots.map((slot, k) => ({ jsonrpc: "2.0", id: 1000 + 3 * i + k, method: "eth_getStorageAt", params: [a, slot, "latest"] })),
      ),
    ];
    return { estimates, readBack };
  };
  // Every fresh devnet deploys from account 0 starting at nonce 0: the same requests and signed txs serve every run.
  const deployer = devAccounts(1)[0]!;
  const floor = carefulRequests(deployer.address);
  const careful = async (url: string, signed: string[]) => {
    await post(url, floor.estimates);
    await raw(url, signed);
    const back = await post(url, floor.readBack);
    const failed = back.find((r) => "error" in r);
    if (failed) throw new Error(`the floor's read-back failed: ${JSON.stringify(failed)}`);
  };
  const presign = async (privateKey: string) => {
    const wallet = new Wallet(privateKey);
    return Promise.all(
      deployTxs(compiled.contracts, box, proxyArt, wallet.address).map((t, nonce) =>
        wallet.signTransaction({
          type: 2,
          chainId: 31337,
          nonce,
          gasLimit: (gasUsed[nonce]! * 125n) / 100n + 10_000n,
          maxFeePerGas: 100_000_000_000n, // room for the base fee to rise over a dozen full blocks
          maxPriorityFeePerGas: 1_000_000_000n,
          data: t.artifact.bytecode + new Interface(t.artifact.abi).encodeDeploy(t.args).slice(2),
        }),
      ),
    );
  };

  try {
    // Records go to temp dirs: in the repo, the next apply (on a fresh devnet) would plan against them.
    const recordDir = async () => {
      temps.push(await mkdtemp(path.join(os.tmpdir(), "w3o-bench-records-")));
      return temps.at(-1);
    };
    // First: w3o's apply in a process that has run none of its code yet (what one CLI invocation pays).
    const cold = await onFreshDevnet(w3o(await recordDir()));
    const naiveRun = await onFreshDevnet(naive);
    const plans: Run[] = [];
    const w3oRuns: Run[] = [];
    const rerun = { n: 0 };
    const rawRuns: Run[] = [];
    const carefulRuns: Run[] = [];
    const signed = await presign(deployer.privateKey); // after the naive run, whose gas use it needs; not timed
    for (let i = 0; i < REPEAT; i++) {
      // Alternated, each on its own fresh devnet, so that machine noise hits all alike.
      w3oRuns.push(await onFreshDevnet(w3o(await recordDir())));
      rawRuns.push(await unwedged(() => onFreshDevnet((url) => raw(url, signed)), rerun));
      carefulRuns.push(await unwedged(() => onFreshDevnet((url) => careful(url, signed)), rerun));
    }
    {
      // The plan row: 100 contracts recorded in the repo and live on chain, all noop.
      const devnet = await freshDevnet();
      const proxy = await countingProxy(devnet.url);
      const vars = { ...process.env, BENCH_RPC_URL: proxy.url };
      const store = await openState(path.join(dir, ".w3o/state-plan.db"));
      await applyEnvironment(model, "dev", { vars, store, records: fileRecordSink(model.dir) }).finally(() => store.close());
      proxy.reset();
      const t = await timed(devnet.process.pid!, async () => {
        await planEnvironment(model, "dev", { vars });
      });
      plans.push({ ...t, requests: proxy.counts.requests });
      await proxy.close();
      await devnet.stop();
    }
    const w = median(w3oRuns);
    const r = median(rawRuns);
    const c = median(carefulRuns);
    return {
      name: `apply ${TOKENS + REGISTRIES + PROXIES} contracts (${TOKENS} tokens, ${REGISTRIES} dependents, ${PROXIES} UUPS proxies) on anvil`,
      rows: [
        { label: `w3o apply (plan + journal + verify + record), median of ${REPEAT}`, ...w },
        { label: "w3o apply, first in the process (cold JIT)", ...cold },
        { label: `raw limit: pre-signed, one batch, median of ${REPEAT}`, ...r },
        { label: `node-side floor: raw + estimates + read-back, median of ${REPEAT}`, ...c },
        { label: "naive: ContractFactory.deploy + wait, one by one", ...naiveRun },
        { label: "w3o plan of the 100 recorded contracts", ...plans[0]! },
      ],
      summary: `w3o apply is ${(naiveRun.ms / w.ms).toFixed(1)}× faster than naive (target ≥ 10×) and ${(w.ms / r.ms).toFixed(2)}× the raw limit (target ≤ 2×; cold first run ${(cold.ms / r.ms).toFixed(2)}×), ${(w.ms / c.ms).toFixed(2)}× the node-side floor of a careful apply; HTTP requests: w3o ${w.requests}, naive ${naiveRun.requests}, raw ${r.requests}. ${phaseLine(w, r)}${rerun.n ? ` (${rerun.n} raw/floor run(s) re-run after anvil's automine wedged)` : ""}`,
    };
  } finally {
    for (const d of [dir, ...temps]) await rm(d, { recursive: true, force: true });
  }
}
