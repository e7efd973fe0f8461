import { readFile } from "node:fs/promises";
import { DEVNET_CHAIN_IDS, type Model } from "../config/model.js";
import "../crypto/native.js"; // native keccak for every ethers hash (registered on import)
import { Rpc } from "../chains/evm/client.js";
import { BaseError } from "../errors/index.js";
import { needsOwnerLine, OWNER_HINT } from "../plan/owners.js";
import { type PlanRun, planEnvironment, rpcUrl, signerAddress, signerSpecOf } from "../plan/run.js";
import type { Plan } from "../plan/types.js";
import { createSigner, type Signer, type SignerContext, type SignerSpec } from "../signers/index.js";
import type { RecordSink } from "../state/records.js";
import type { StateStore } from "../state/store.js";
import { applyWorkflows, type WorkflowApplyResult } from "../workflows/apply.js";
import type { JournalEvent } from "./events.js";
import type { ExecEvent } from "./executor.js";
import { parseDuration } from "./fees.js";
import { ApplyInterruptedError, ExecInterrupted, LeaseLostError, type Remaining } from "./interrupt.js";
import { finishCommand } from "./interrupted.js";
import { Journal } from "./journal.js";
import { acquireLock, type LockInfo, type StaleReason } from "./lock.js";
import { applyNetwork, type NetworkApplyResult } from "./network.js";
import type { CompileEvent } from "./progressEvents.js";
import { SignerPool } from "./signers.js";

export class StalePlanError extends BaseError {
  override name = "StalePlanError";
}

/** A step apply would run has problems (plan/problems.ts): nothing is sent, on any network. */
export class PlanBlockedError extends BaseError {
  override name = "PlanBlockedError";
}

/** A step's change must be sent by an on-chain owner that is not a signer here (plan/owners.ts): nothing is sent. */
export class OwnerNotSignerError extends BaseError {
  override name = "OwnerNotSignerError";
}

export type ApplyEvent =
  /** The lock was held by an apply known gone (its pid on this host, or its lease expired): taken over (its journal is resumed). */
  | { type: "lock-taken-over"; previous: LockInfo; reason: StaleReason }
  | CompileEvent
  | { type: "plan"; plan: Plan }
  | { type: "network-start"; network: string; ops: number }
  | ((ExecEvent | { type: "verified"; contract: string; checks: string[]; problems: string[] }) & { network: string })
  | { type: "network-done"; network: string; recordFile: string; failed: string[] }
  /** A network's workflow transactions are mined and recorded (or failed). */
  | { type: "workflows-done"; network: string; sent: number; failed: string[] };

export type ApplyOptions = {
  /** The plan file given with --plan: refused when its inputs hash is not today's. */
  planFile?: string;
  /** The state store (journal and leases): the caller opens it and closes it. */
  store: StateStore;
  /** Where the deployment records go: the CLI passes files in the checkout (fileRecordSink). */
  records: RecordSink;
  /** Names this run in its lease (a job id, say); a fresh UUID by default. */
  runId?: string;
  /** How long the lease lasts unless renewed (it is renewed every third of it while the run lives). */
  leaseMs?: number;
  redeploy?: string[];
  /** Environment variables that name RPC URLs and keys: the CLI passes the process's, the engine reads no other. */
  vars: Record<string, string | undefined>;
  maxInFlight?: number;
  pollMs?: number;
  command?: string;
  /** Aborted on SIGINT/SIGTERM (with the signal's name as reason): stops at the next safe point, ApplyInterruptedError. */
  signal?: AbortSignal;
  /** The command that finishes an interrupted run, for its message; `w3o apply --env <env>` by default. */
  finishCommand?: string;
  /** Called once the fresh plan is known, before anything is sent: return false to stop (no confirmation). */
  confirm?: (plan: Plan) => Promise<boolean>;
  onEvent?: (e: ApplyEvent) => void;
  /** Called with each journal event once it is durable: the crash tests' hook (the CLI builds it from W3O_TEST_CRASH_AT). */
  onJournaled?: (event: JournalEvent) => void;
  /**
   * Opens an account's signer; `createSigner` (the registry in src/signers) by default. A face that signs
   * elsewhere (Vault transit, a KMS) passes its own: apply only ever asks it for an address and signatures.
   */
  openSigner?: OpenSigner;
};

export type OpenSigner = (spec: SignerSpec, ctx: SignerContext & { account: string }) => Promise<Signer>;

/**
 * The signers one network's apply may send from. A deployer of a step that sends and whose address
 * plan could not know (a keystore) is opened now, to learn it; every other signer with a known address
 * (owner candidates, plan/owners.ts) joins the pool unopened and opens only if an op of this run is
 * sent from it. References keep resolving to an account's fixed address when it has one.
 */
async function openSigners(
  model: Model,
  envName: string,
  known: Record<string, string>,
  deploying: Set<string>,
  o: { vars: Record<string, string | undefined>; chainId: number; open: OpenSigner },
): Promise<{ signers: SignerPool; accounts: Record<string, string>; deployers: Record<string, string> }> {
  const signers = new SignerPool();
  const accounts: Record<string, string> = { ...known };
  // Who each account signs as: a step's deployer (a keystore's is known once it is open here).
  const deployers: Record<string, string> = {};
  for (const account of Object.keys(model.accounts)) {
    const spec = signerSpecOf(model, envName, account);
    if (!spec) continue;
    const open = () => o.open(spec, { env: o.vars, chainId: o.chainId, repoDir: model.dir, account });
    const address = signerAddress(spec, o.vars);
    if (address) {
      signers.lazy(address, open);
      deployers[account] = address;
    } else if (deploying.has(account)) {
      const signer = await open();
      signers.add(signer);
      accounts[account] ??= signer.address;
      deployers[account] = signer.address;
    }
  }
  return { signers, accounts, deployers };
}

/** A step of the plan apply left undone, and why: it never counts as applied. */
export type SkippedStep = { id: string; contract: string; action: "replace" | "drift"; why: string };

export type ApplyResult = {
  plan: Plan;
  networks: NetworkApplyResult[];
  /** Per network where workflows sent something. */
  workflows?: WorkflowApplyResult[];
  applied: boolean;
  failed: string[];
  /** Steps the plan holds that this run did not do: a replace not asked for with --redeploy, a drift. */
  skipped: SkippedStep[];
};

/** Local devnets take every tx at once; public mempools cap txs per sender (geth keeps 16 executable per account). */
const defaultInFlight = (chainId: number) => (DEVNET_CHAIN_IDS.has(chainId) ? 256 : 16);

/**
 * `w3o apply`: under the environment's lock, plan afresh (refusing a stale --plan), then per
 * network resume the journal, execute, verify and write the deployment record.
 */
export async function applyEnvironment(model: Model, envName: string, o: ApplyOptions): Promise<ApplyResult> {
  const lock = await acquireLock(o.store.db, { project: model.project, environment: envName }, o.command ?? `w3o apply --env ${envName}`, {
    runId: o.runId,
    leaseMs: o.leaseMs,
  });
  if (lock.tookOver) o.onEvent?.({ type: "lock-taken-over", previous: lock.tookOver.lock, reason: lock.tookOver.reason });
  try {
    // A lease lost meanwhile (unlocked, or taken over by an apply that saw it expired) stops the run like a signal.
    const signal = o.signal ? AbortSignal.any([o.signal, lock.lost]) : lock.lost;
    return await applyLocked(model, envName, { ...o, signal }, o.vars, o.store.db, { lease: lock.lost, caller: o.signal });
  } finally {
    await lock.release();
  }
}

async function applyLocked(
  model: Model,
  envName: string,
  o: ApplyOptions,
  vars: Record<string, string | undefined>,
  db: StateStore["db"],
  /** What `o.signal` combines: the lease lost, and the caller's own signal. */
  stops: { lease: AbortSignal; caller?: AbortSignal },
): Promise<ApplyResult> {
  const run: PlanRun = await planEnvironment(model, envName, { vars, compile: { onEvent: o.onEvent } });
  const plan = run.plan;
  if (o.planFile) {
    const given = JSON.parse(await readFile(o.planFile, "utf8")) as Plan;
    if (given.inputsHash !== plan.inputsHash || given.environment !== envName) {
      throw new StalePlanError(`${o.planFile} is stale: the repo, the records or the chain changed since it was made`, {
        metaMessages: [`plan file inputs: ${given.inputsHash}`, `now:              ${plan.inputsHash}`],
        hint: `Run w3o plan --env ${envName} --out ${o.planFile} again, review it, then apply it.`,
      });
    }
  }
  const finish = o.finishCommand ?? finishCommand(envName);
  // The caller's signal wins: a Ctrl-C is an interruption even if the lease went too.
  const stopped = (remaining: Remaining[]) =>
    stops.lease.aborted && !stops.caller?.aborted
      ? new LeaseLostError(envName, remaining, finish)
      : new ApplyInterruptedError(String(o.signal?.reason ?? "a signal"), envName, remaining, finish);
  const notStarted = (names: string[]): Remaining[] => names.map((network) => ({ network, inFlight: [], notSent: [] }));
  // Compiling and reading the chain can take a while: a signal meanwhile stops before anything is sent.
  if (o.signal?.aborted) throw stopped(notStarted(plan.networks.map((n) => n.name)));
  o.onEvent?.({ type: "plan", plan });
  const redeploy = new Set(o.redeploy ?? []);
  for (const name of redeploy) {
    if (!model.contracts[name])
      throw new BaseError(`--redeploy ${name}: no such contract`, { hint: `Contracts: ${Object.keys(model.contracts).join(", ")}` });
    // Asked to redeploy what apply would not touch: saying nothing and "Apply complete" would be a lie.
    const idle = plan.networks.flatMap((n) => n.steps).filter((s) => s.contract === name && (s.action === "drift" || s.action === "noop"));
    if (idle.length) {
      throw new BaseError(
        `--redeploy ${name}: the plan has nothing to deploy for ${name} (${idle.map((s) => `${s.id}: ${s.action}`).join(", ")})`,
        {
          details: idle.flatMap((s) => s.reasons).join("; "),
          hint:
            idle[0]?.action === "drift"
              ? "apply does not act on drift: find out what changed on chain, then fix the chain or the record (git)."
              : "It is deployed as the repo says; nothing to redeploy.",
        },
      );
    }
  }
  const blocked = plan.networks
    .flatMap((n) => n.steps)
    .filter((s) => s.problems?.length && (s.action !== "replace" || redeploy.has(s.contract)));
  if (blocked.length) {
    throw new PlanBlockedError(`apply refuses: ${blocked.map((s) => s.contract).join(", ")} cannot be applied, so nothing was sent`, {
      metaMessages: blocked.flatMap((s) => (s.problems ?? []).map((p) => `${s.id}: ${p}`)),
      hint: "Fix what the plan marks with ✖, then run w3o plan and w3o apply again.",
    });
  }
  const owned = plan.networks.flatMap((n) => n.steps).filter((s) => s.needsOwner?.length);
  if (owned.length) {
    const who = owned.flatMap((s) => (s.needsOwner ?? []).map((n) => `${s.contract} (owner ${n.address})`));
    throw new OwnerNotSignerError(
      `apply refuses: ${[...new Set(who)].join(", ")} cannot be changed by a signer of ${envName}, so nothing was sent`,
      {
        metaMessages: owned.flatMap((s) => (s.needsOwner ?? []).map((n) => `${s.id}: ${needsOwnerLine(n)}`)),
        hint: OWNER_HINT,
      },
    );
  }
  const wfProblems = (plan.workflows ?? []).flatMap((w) => (w.problems ?? []).map((p) => `workflows.${w.name} on ${w.network}: ${p}`));
  if (wfProblems.length) {
    throw new PlanBlockedError("apply refuses: a workflow already sent transactions with other inputs, so nothing was sent", {
      metaMessages: wfProblems,
      hint: "Revert the workflow's change, or give it a new name to run it anew; then run w3o plan and w3o apply again.",
    });
  }
  const skipped = skippedSteps(plan, redeploy);
  const confirmed = !o.confirm || (await o.confirm(plan));
  if (o.signal?.aborted) throw stopped(notStarted(plan.networks.map((n) => n.name)));
  if (!confirmed) return { plan, networks: [], applied: false, failed: [], skipped };

  const networks: NetworkApplyResult[] = [];
  const workflows: WorkflowApplyResult[] = [];
  const names = networkOrder(model, envName, plan);
  for (const [index, name] of names.entries()) {
    if (o.signal?.aborted) throw stopped(notStarted(names.slice(index)));
    const network = model.networks[name]!;
    const net = plan.networks.find((n) => n.name === name);
    const steps = net?.steps ?? [];
    const wfs = (plan.workflows ?? []).filter((w) => w.network === name && !w.notRun && w.txs.some((t) => t.status === "send"));
    const rpc = new Rpc(rpcUrl(name, network, vars), { batchLimit: network.rpc.batchLimit, label: `network "${name}"` });
    // A network with workflows and no contracts has no snapshot: its chain id is the config's, else the node's.
    const chainId = net?.chainId ?? network.chainId ?? Number(BigInt(await rpc.call<string>("eth_chainId")));
    const active = steps.filter(
      (s) => s.action === "create" || s.action === "update" || (s.action === "replace" && redeploy.has(s.contract)),
    );
    const deploying = new Set([...active.map((s) => s.deployer.account), ...wfs.map((w) => w.from.account)]);
    const { signers, accounts, deployers } = await openSigners(model, envName, run.env.accounts, deploying, {
      vars,
      chainId,
      open: o.openSigner ?? createSigner,
    });
    for (const s of steps)
      s.deployer.address ??= (deployers[s.deployer.account] ?? accounts[s.deployer.account]) as `0x${string}` | undefined;
    for (const w of wfs) w.from.address ??= deployers[w.from.account] ?? accounts[w.from.account];
    const contractWork = net && (active.length || steps.some((s) => s.action === "remove"));
    if (!contractWork && !wfs.length) continue;
    o.onEvent?.({
      type: "network-start",
      network: name,
      ops: active.length + wfs.reduce((n, w) => n + w.txs.filter((t) => t.status === "send").length, 0),
    });
    const devnet = DEVNET_CHAIN_IDS.has(chainId);
    const journal = new Journal(db, { project: model.project, environment: envName, network: name }, o.onJournaled);
    const gas = {
      maxFeeGwei: network.gas?.maxFeeGwei,
      priorityFeeGwei: network.gas?.priorityFeeGwei,
      bumpPercent: network.gas?.bumpPercent ?? 12,
      stuckAfterMs: parseDuration(network.gas?.stuckAfter ?? (devnet ? "2s" : "60s")),
    };
    const exec = {
      signal: o.signal,
      rpc,
      journal,
      chainId,
      signers,
      gas,
      maxInFlight: o.maxInFlight ?? defaultInFlight(chainId),
      confirmations: network.confirmations,
      pollMs: o.pollMs ?? (devnet ? 10 : 1000),
      devnet,
      onEvent: (e: ExecEvent | { type: "verified"; contract: string; checks: string[]; problems: string[] }) =>
        o.onEvent?.({ ...e, network: name }),
    };
    const interrupted = (e: unknown) => {
      if (!(e instanceof ExecInterrupted)) throw e;
      throw stopped([{ network: name, ...e.remaining }, ...notStarted(names.slice(index + 1))]);
    };
    let record = net?.foreignRecord ? undefined : run.records[name];
    if (contractWork && net) {
      const result = await applyNetwork({
        ...exec,
        model,
        environment: envName,
        network: name,
        steps,
        artifacts: run.artifacts,
        // A record of another chain history is not this chain's: the new record starts empty (plan/foreign.ts).
        record,
        genesisHash: net.genesisHash ?? undefined,
        accounts,
        redeploy,
        records: o.records,
      }).catch(interrupted);
      o.onEvent?.({ type: "network-done", network: name, recordFile: result.recordFile, failed: result.failed });
      networks.push(result);
      record = result.record;
      if (result.failed.length) continue; // a workflow runs against what its network's contracts are, not half of it
    }
    if (wfs.length) {
      const base = record ?? {
        version: 1 as const,
        project: model.project,
        environment: envName,
        network: name,
        chainId,
        ...(net?.genesisHash ? { genesisHash: net.genesisHash } : {}),
        contracts: {},
      };
      const known = { accounts, contracts: Object.fromEntries(Object.entries(base.contracts).map(([k, c]) => [k, c.address])) };
      const result = await applyWorkflows({
        workflows: wfs,
        artifacts: run.workflowArtifacts,
        known,
        base,
        exec,
        records: o.records,
      }).catch(interrupted);
      workflows.push(result);
      o.onEvent?.({ type: "workflows-done", network: name, sent: result.sent, failed: result.failed });
    }
  }
  return {
    plan,
    networks,
    workflows,
    applied: true,
    failed: [...networks.flatMap((n) => n.failed), ...workflows.flatMap((w) => w.failed)],
    skipped,
  };
}

/** The environment's EVM networks that have contract steps or workflows, in the environment's order. */
function networkOrder(model: Model, envName: string, plan: Plan): string[] {
  const wanted = new Set([...plan.networks.map((n) => n.name), ...(plan.workflows ?? []).map((w) => w.network)]);
  return (model.environments[envName]?.networks ?? []).filter((n) => wanted.has(n));
}

/** What a run with these --redeploy names leaves undone. */
function skippedSteps(plan: Plan, redeploy: Set<string>): SkippedStep[] {
  const out: SkippedStep[] = [];
  for (const net of plan.networks) {
    for (const s of net.steps) {
      if (s.action === "replace" && !redeploy.has(s.contract)) {
        const why = net.foreignRecord ? "its record is from another chain" : "a replace deploys a new address";
        out.push({ id: s.id, contract: s.contract, action: "replace", why });
      } else if (s.action === "drift")
        out.push({ id: s.id, contract: s.contract, action: "drift", why: "drifted: apply leaves drift to a person" });
    }
  }
  return out;
}
