import { getAddress } from "ethers";
import type { Rpc } from "../chains/evm/client.js";
import type { CompiledRepo } from "../compile/types.js";
import type { Model } from "../config/model.js";
import type { ArgValue } from "../config/schema/contract.js";
import { resolveArgs } from "../plan/resolve.js";
import type { Address, PlanStep, ResolvedArg } from "../plan/types.js";
import type { DeploymentRecord } from "../state/record.js";
import type { RecordSink } from "../state/records.js";
import { addressOp } from "./builders.js";
import { type ExecEvent, execute } from "./executor.js";
import type { GasPolicy } from "./fees.js";
import type { Journal } from "./journal.js";
import type { OpResult } from "./ops.js";
import { nextRecord } from "./record.js";
import type { SignerPool } from "./signers.js";
import { opsForSteps } from "./steps.js";
import { type Expectation, type Verification, verifyDeployed } from "./verify.js";

export type NetworkApplyInput = {
  model: Model;
  environment: string;
  network: string;
  chainId: number;
  steps: PlanStep[];
  artifacts: CompiledRepo;
  record: DeploymentRecord | undefined;
  /** The chain's genesis block hash, from plan's snapshot: written into the record. */
  genesisHash?: string;
  rpc: Rpc;
  journal: Journal;
  signers: SignerPool;
  accounts: Record<string, string>;
  redeploy: Set<string>;
  gas: GasPolicy;
  maxInFlight: number;
  confirmations: number;
  pollMs: number;
  devnet?: boolean;
  signal?: AbortSignal;
  /** Where the record goes (files in the repo, or in `w3o up`'s copy of it). */
  records: RecordSink;
  onEvent?: (e: ExecEvent | { type: "verified"; contract: string; checks: string[]; problems: string[] }) => void;
};

export type NetworkApplyResult = {
  network: string;
  results: Map<string, OpResult>;
  verifications: Verification[];
  record: DeploymentRecord;
  recordFile: string;
  failed: string[];
};

/** Applies one network's steps: redeploy resets, execute, verify, write the record (git) and journal it. */
export async function applyNetwork(i: NetworkApplyInput): Promise<NetworkApplyResult> {
  const recorded = i.record?.contracts ?? {};
  const byContract = new Map(i.steps.map((s) => [s.contract, s]));
  const ctx = {
    artifacts: i.artifacts,
    accounts: i.accounts,
    signable: i.signers.addresses(),
    rpc: i.rpc,
    recorded,
  };
  const ops = opsForSteps(i.steps, ctx, i.redeploy);

  // --redeploy X: the journal forgets X's steps (with a reason), so they run again from scratch.
  if (i.redeploy.size) {
    const { reduceJournal } = await import("./journal.js");
    const state = reduceJournal(await i.journal.load());
    const resets = [...state.steps.keys()].filter((id) => i.redeploy.has(id.slice(id.indexOf("/") + 1).split("#")[0]!));
    await i.journal.append(...resets.map((step) => ({ type: "redeploy" as const, step, reason: "w3o apply --redeploy" })));
  }

  const results = await execute(ops, {
    rpc: i.rpc,
    journal: i.journal,
    chainId: i.chainId,
    signers: i.signers,
    gas: i.gas,
    maxInFlight: i.maxInFlight,
    confirmations: i.confirmations,
    pollMs: i.pollMs,
    devnet: i.devnet,
    signal: i.signal,
    onEvent: i.onEvent,
  });

  const addressOf = (id: string) => results.get(id)?.address;
  const resolveStepArgs = (step: PlanStep, args: ResolvedArg[]): unknown[] => {
    const value = (v: ResolvedArg): unknown => {
      if (Array.isArray(v)) return v.map(value);
      if (typeof v !== "object") return v;
      const [kind, name] = v.$ref.split(".") as [string, string];
      if (kind === "accounts") return i.accounts[name];
      const dep = byContract.get(name);
      return (dep && addressOf(addressOp(dep))) ?? recorded[name]?.address;
    };
    void step;
    return args.map(value);
  };
  const resolveAddr = (v: PlanStep["owner"]): string | undefined => {
    if (v === undefined) return undefined;
    const r = resolveStepArgs(i.steps[0]!, [v as ResolvedArg])[0];
    return typeof r === "string" ? getAddress(r) : undefined;
  };

  // `expect:` args and returns take the same references as constructor args, resolved with this run's addresses.
  const known = {
    contracts: Object.fromEntries(
      [...byContract.keys(), ...Object.keys(recorded)].flatMap((name) => {
        const dep = byContract.get(name);
        const a = (dep && addressOf(addressOp(dep))) ?? recorded[name]?.address;
        return a ? [[name, a as Address]] : [];
      }),
    ),
    accounts: i.accounts as Record<string, Address>,
  };
  const resolvedExpect = (name: string) =>
    (i.model.contracts[name]?.expect ?? []).map((x) => ({
      ...x,
      args: resolveArgs(x.args, known).args as ArgValue[],
      returns: resolveArgs([x.returns], known).args[0] as ArgValue,
    }));
  const expectations: Expectation[] = [];
  for (const step of i.steps) {
    const touched = ops.some((op) => op.id.startsWith(`${step.id}#`));
    if (!touched) continue;
    const pub = results.get(addressOp(step))?.address ?? recorded[step.contract]?.address;
    if (!pub) continue;
    const proxied = step.kind === "uups" || step.kind === "transparent";
    const impl = results.get(`${step.id}#impl`)?.address ?? recorded[step.contract]?.proxy?.implementation.address;
    expectations.push({
      contract: step.contract,
      address: pub,
      kind: step.kind,
      implementation: proxied ? impl : undefined,
      owner: resolveAddr(step.owner),
      adminOwner: step.kind === "transparent" ? (resolveAddr(step.admin) ?? step.deployer.address) : undefined,
      initializer: proxied && Boolean(step.initializer),
      roles: (step.roles ?? []).flatMap((r) =>
        r.accounts.map((a) => ({ role: r.role, account: resolveAddr(a)! })).filter((x) => x.account),
      ),
      expect: resolvedExpect(step.contract),
    });
  }
  const verifications = await verifyDeployed(i.rpc, i.network, i.chainId, i.artifacts, expectations);
  const vmap = new Map(verifications.map((v) => [v.contract, v]));
  const verifiedEvents = verifications.map((v) => {
    const step = byContract.get(v.contract)!;
    i.onEvent?.({ type: "verified", contract: v.contract, checks: v.checks, problems: v.problems });
    return v.ok
      ? { type: "verified" as const, step: addressOp(step), checks: v.checks }
      : { type: "failed" as const, step: addressOp(step), message: `post-deploy checks failed: ${v.problems.join("; ")}` };
  });

  const record = nextRecord({
    base: i.record,
    project: i.model.project,
    environment: i.environment,
    network: i.network,
    chainId: i.chainId,
    genesisHash: i.genesisHash,
    steps: i.steps,
    results,
    artifacts: i.artifacts,
    verifications: vmap,
    resolveArgs: resolveStepArgs,
    now: new Date().toISOString(),
  });
  const recordFile = await i.records.write(record);
  const settled = [...results.values()].filter((r) => r.status === "done" || r.status === "skipped").map((r) => r.id);
  // One commit for the checks and the record, once the record is written: a crash before it leaves
  // the steps mined, and the next run verifies and writes the record again.
  await i.journal.append(...verifiedEvents, { type: "record", step: "$record", record, settled });

  const failed = [
    ...[...results.values()].filter((r) => r.status === "failed" || r.status === "blocked").map((r) => `${r.id}: ${r.message}`),
    ...verifications.filter((v) => !v.ok).map((v) => `${v.contract}: ${v.problems.join("; ")}`),
  ];
  return { network: i.network, results, verifications, record, recordFile, failed };
}
