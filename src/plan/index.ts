import { createHash } from "node:crypto";
import { proxyArtifact } from "../chains/evm/create2.js";
import { describeDrift } from "../chains/evm/drift.js";
import { roleId } from "../chains/evm/roles.js";
import { recordTarget } from "../chains/evm/snapshot.js";
import { chains } from "../chains/index.js";
import type { Artifact, CompiledRepo } from "../compile/types.js";
import type { Model } from "../config/model.js";
import { BaseError } from "../errors/index.js";
import type { DeploymentRecord } from "../state/record.js";
import { compareStrings } from "../util/compare.js";
import { abiProblems } from "./abiProblems.js";
import { foreignRecord } from "./foreign.js";
import { ownerNeeds } from "./owners.js";
import { EIP170_CODE_SIZE_LIMIT, stepProblems } from "./problems.js";
import { isRef, type Known, resolveAddress } from "./resolve.js";
import { baseStep, changesOf, describeChange, driftOf, replaceReasons, type StepContext } from "./steps.js";
import type { Address, Hex, NetworkSnapshot, Plan, PlanEnv, PlanInputs, PlanStep, PlanSummary, SnapshotTarget } from "./types.js";

export type * from "./types.js";

export class PlanInputError extends BaseError {
  override name = "PlanInputError";
}

/** EVM networks of the environment, in the order the environment lists them. */
export function planNetworks(model: Model, envName: string): string[] {
  const env = model.environments[envName];
  if (!env) {
    throw new PlanInputError(`no environment "${envName}"`, { hint: `Use one of: ${Object.keys(model.environments).join(", ")}.` });
  }
  return env.networks.filter((n) => {
    const net = model.networks[n];
    return net !== undefined && chains[net.chain].evm;
  });
}

const declaredOn = (model: Model, network: string) =>
  Object.keys(model.contracts)
    .filter((name) => model.contracts[name]?.networks.includes(network))
    .sort();

/**
 * What the snapshot must read on one network: every recorded contract, its recorded implementation
 * and ProxyAdmin, and the (role, account) pairs declared or recorded.
 */
export function snapshotTargets(
  model: Model,
  env: PlanEnv,
  record: DeploymentRecord | undefined,
  artifacts: CompiledRepo,
): Record<string, SnapshotTarget> {
  const known: Known = { contracts: recordedAddresses(record), accounts: env.accounts };
  const out: Record<string, SnapshotTarget> = {};
  for (const [name, rec] of Object.entries(record?.contracts ?? {})) {
    // Immutables of the code compiled now: drift compares stripped hashes only where that code is the recorded one.
    const compiled = artifacts.contracts[name];
    const atAddress = rec.proxy ? proxyArtifact(artifacts.proxies, rec.proxy.kind) : compiled;
    const declared: { role: string; account: Address }[] = [];
    for (const [role, list] of Object.entries(model.contracts[name]?.roles ?? {})) {
      for (const a of list) {
        const addr = resolveAddress(a, known);
        if (addr && !isRef(addr)) declared.push({ role, account: addr });
      }
    }
    out[name] = recordTarget(rec, { contract: atAddress?.immutableReferences, implementation: compiled?.immutableReferences }, declared);
  }
  return out;
}

const recordedAddresses = (record: DeploymentRecord | undefined): Record<string, Address> =>
  Object.fromEntries(Object.entries(record?.contracts ?? {}).map(([n, r]) => [n, r.address as Address]));

/**
 * The plan: a pure function of the repo, the deployment records, the chain snapshots and the
 * compiled code. Same inputs, same plan, byte for byte.
 */
export function plan(
  model: Model,
  env: PlanEnv,
  records: PlanInputs["records"],
  snapshots: PlanInputs["snapshots"],
  artifacts: PlanInputs["artifacts"],
): Plan {
  const networks: Plan["networks"] = [];
  for (const network of planNetworks(model, env.name)) {
    const record = records[network];
    const declared = declaredOn(model, network);
    if (!declared.length && !Object.keys(record?.contracts ?? {}).length) continue;
    const snap = snapshots[network];
    if (!snap) throw new PlanInputError(`no chain snapshot for network "${network}"`);
    if (record && record.chainId !== snap.chainId) {
      throw new PlanInputError(
        `the deployment record of ${env.name}/${network} is for chain ${record.chainId}, the endpoint is chain ${snap.chainId}`,
      );
    }
    // A record of another chain history says nothing about this chain: every contract is planned anew.
    const foreign = foreignRecord(record, snap);
    const usable = foreign ? undefined : record;
    const ctx: StepContext = {
      model,
      network,
      chainId: snap.chainId,
      known: { contracts: recordedAddresses(usable), accounts: env.accounts },
      ...(env.deployers ? { deployers: env.deployers } : {}),
      artifacts,
    };
    const steps = declared.map((name) => {
      const step = stepFor(ctx, name, usable, snap, env.signers);
      return foreign ? { ...step, action: "replace" as const, reasons: [foreign.reason, ...step.reasons] } : step;
    });
    for (const name of Object.keys(usable?.contracts ?? {}).sort()) {
      if (declared.includes(name)) continue;
      const rec = record?.contracts[name];
      if (!rec) continue;
      steps.push({
        id: `${network}/${name}`,
        network,
        chainId: snap.chainId,
        contract: name,
        action: "remove",
        reasons: [`no longer declared on ${network}: apply drops it from the record; the contract at ${rec.address} stays on chain`],
        kind: rec.proxy ? rec.proxy.kind : rec.salt ? "create2" : "plain",
        source: rec.source,
        contractName: rec.contract,
        deployer: { account: "", address: rec.deployer as Address },
        args: rec.args as PlanStep["args"],
        dependsOn: [],
        codeHash: (rec.proxy?.implementation.codeHash ?? rec.codeHash) as Hex,
        recorded: recordedFacts(rec),
      });
    }
    networks.push({
      name: network,
      chainId: snap.chainId,
      blockNumber: snap.blockNumber,
      ...(snap.genesisHash ? { genesisHash: snap.genesisHash } : {}),
      ...(foreign ? { foreignRecord: { ...foreign, command: `w3o apply --env ${env.name} --redeploy ${declared.join(",")}` } } : {}),
      steps: deployOrder(steps),
    });
  }
  const summary = summarize(networks.flatMap((n) => n.steps));
  return {
    version: 1,
    project: model.project,
    environment: env.name,
    compiler: artifacts.compiler,
    inputsHash: planInputsHash({ model, env, records, snapshots, artifacts }),
    networks,
    summary,
    ...(artifacts.warnings?.length ? { compilerWarnings: artifacts.warnings } : {}),
  };
}

const recordedFacts = (rec: DeploymentRecord["contracts"][string]): NonNullable<PlanStep["recorded"]> => ({
  address: rec.address as Address,
  codeHash: rec.codeHash as Hex,
  ...(rec.proxy
    ? { implementation: rec.proxy.implementation.address as Address, implementationCodeHash: rec.proxy.implementation.codeHash as Hex }
    : {}),
});

function stepFor(
  ctx: StepContext,
  name: string,
  record: DeploymentRecord | undefined,
  snap: NetworkSnapshot,
  signers: PlanEnv["signers"],
): PlanStep {
  const step = actionFor(ctx, name, record, snap);
  const limit = ctx.model.networks[ctx.network]?.codeSizeLimit ?? EIP170_CODE_SIZE_LIMIT;
  const artifact = ctx.artifacts.contracts[name] as Artifact;
  const problems = [...abiProblems(ctx.model, name, artifact), ...stepProblems(step, artifact, limit)];
  const needsOwner = ownerNeeds(step, record?.contracts[name], snap.contracts[name], signers);
  return { ...step, ...(problems.length ? { problems } : {}), ...(needsOwner.length ? { needsOwner } : {}) };
}

/** Repo vs record vs chain: what apply would do with one declared contract, and why. */
function actionFor(ctx: StepContext, name: string, record: DeploymentRecord | undefined, snap: NetworkSnapshot): PlanStep {
  const base = baseStep(ctx, name);
  const rec = record?.contracts[name];
  if (!rec) return { ...base, action: "create", reasons: createReasons(base) };
  const live = snap.contracts[name];
  if (!live) throw new PlanInputError(`the snapshot of ${ctx.network} has no live state for recorded contract "${name}"`);
  const artifact = ctx.artifacts.contracts[name] as Artifact;
  const proxyArt = rec.proxy ? proxyArtifact(ctx.artifacts.proxies, rec.proxy.kind) : undefined;
  const withRecord = { ...base, recorded: recordedFacts(rec) };
  const drift = driftOf(rec, live, artifact, proxyArt);
  if (drift.length) return { ...withRecord, action: "drift", drift, reasons: drift.map(describeDrift) };
  const replace = replaceReasons(ctx, base, rec, artifact);
  if (replace.length) return { ...withRecord, action: "replace", reasons: replace };
  const changes = changesOf(base, rec, live, artifact);
  if (changes.length) return { ...withRecord, action: "update", changes, reasons: changes.map(describeChange) };
  return { ...withRecord, action: "noop", reasons: [`deployed at ${rec.address}; repo, record and chain agree`] };
}

/** What a create will do, in the words and values a reviewer checks. */
function createReasons(s: Omit<PlanStep, "action" | "reasons">): string[] {
  const out = [`deploy with constructor(${formatArgs(s.args)})${s.salt ? ` via CREATE2, salt "${s.salt}"` : ""}`];
  if (s.initializer)
    out.push(`behind a new ${s.kind} proxy, initialized with ${s.initializer.function}(${formatArgs(s.initializer.args)})`);
  if (s.expectedAddress) out.push(`at ${s.expectedAddress}`);
  if (s.dependsOn.length) out.push(`after ${s.dependsOn.map((d) => d.split("/")[1]).join(", ")} (uses their addresses)`);
  if (s.owner) out.push(`then ownership to ${formatArgs([s.owner])}`);
  if (s.admin) out.push(`ProxyAdmin owned by ${formatArgs([s.admin])}`);
  for (const r of s.roles ?? []) out.push(`grant ${r.role} to ${formatArgs(r.accounts)}`);
  return out;
}

/** Arguments as a reviewer reads them: strings quoted (long ones cut), references as written in the repo. */
export function formatArgs(args: readonly unknown[]): string {
  const one = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(one).join(", ")}]`;
    if (isRef(v)) return `\${${v.$ref}}`;
    if (typeof v === "string")
      return /^0x[0-9a-fA-F]{40}$/.test(v) || /^\d+$/.test(v) ? v : JSON.stringify(v.length > 48 ? `${v.slice(0, 45)}…` : v);
    return String(v);
  };
  return args.map(one).join(", ");
}

/** Dependencies first; otherwise by name, so the order never depends on map iteration. */
function deployOrder(steps: PlanStep[]): PlanStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const done = new Set<string>();
  const out: PlanStep[] = [];
  const visit = (s: PlanStep, path: Set<string>) => {
    if (done.has(s.id) || path.has(s.id)) return; // cycles are rejected by validation
    path.add(s.id);
    for (const d of s.dependsOn) {
      const dep = byId.get(d);
      if (dep) visit(dep, path);
    }
    done.add(s.id);
    out.push(s);
  };
  const sorted = [...steps].sort(
    (a, b) => Number(a.action === "remove") - Number(b.action === "remove") || compareStrings(a.contract, b.contract),
  );
  for (const s of sorted) visit(s, new Set());
  return out;
}

function summarize(steps: PlanStep[]): PlanSummary {
  const s: PlanSummary = { create: 0, upgrade: 0, update: 0, replace: 0, remove: 0, noop: 0, drift: 0, blocked: 0 };
  for (const step of steps) {
    if (step.problems?.length) s.blocked++;
    if (step.needsOwner?.length) s.needsOwner = (s.needsOwner ?? 0) + 1;
    if (step.action === "update") {
      if (step.changes?.some((c) => c.kind === "upgrade")) s.upgrade++;
      else s.update++;
    } else s[step.action]++;
  }
  return s;
}

/** JSON with object keys sorted at every level: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * sha256 over everything the plan depends on: the environment's networks and the contracts and
 * accounts they use, the compile inputs, the records and the live state (code as its hash; the
 * block number is left out so a new block alone does not make a plan stale).
 */
export function planInputsHash(inputs: PlanInputs): Hex {
  const { model, env, records, snapshots, artifacts } = inputs;
  const nets = planNetworks(model, env.name);
  const contracts = Object.fromEntries(Object.entries(model.contracts).filter(([, c]) => c.networks.some((n) => nets.includes(n))));
  const live = Object.fromEntries(
    nets.map((n) => {
      const s = snapshots[n];
      if (!s) return [n, null];
      const state = Object.fromEntries(Object.entries(s.contracts).map(([name, c]) => [name, c]));
      return [n, { chainId: s.chainId, genesisHash: s.genesisHash ?? null, contracts: state }];
    }),
  );
  const payload = {
    project: model.project,
    environment: env,
    networks: Object.fromEntries(nets.map((n) => [n, model.networks[n]])),
    contracts,
    compile: artifacts.inputHash,
    records: Object.fromEntries(nets.map((n) => [n, records[n] ?? null])),
    live,
  };
  return `0x${createHash("sha256").update(canonicalJson(payload)).digest("hex")}`;
}

export { roleId };
