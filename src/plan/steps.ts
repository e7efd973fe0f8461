import type { StorageLayout } from "@openzeppelin/upgrades-core";
import { create2Address, encodeArgs, initCode, initializerData, proxyArtifact, proxyConstructorArgs } from "../chains/evm/create2.js";
import { compareRecorded, driftsOf } from "../chains/evm/drift.js";
import { roleId } from "../chains/evm/roles.js";
import type { Artifact, CompiledRepo } from "../compile/types.js";
import { upgradesCore } from "../compile/upgradesCore.js";
import { locate, type Model } from "../config/model.js";
import { BaseError } from "../errors/index.js";
import type { RecordedContract } from "../state/record.js";
import { abiProblems } from "./abiProblems.js";
import { isRef, type Known, resolveAddress, resolveArgs, sameAddress } from "./resolve.js";
import type { Address, AddressOrRef, Drift, Hex, LiveContract, PlanStep, UpdateChange } from "./types.js";

export class PlanArgsError extends BaseError {
  override name = "PlanArgsError";
}

export type StepContext = {
  model: Model;
  network: string;
  chainId: number;
  known: Known;
  /** Who each account deploys as (PlanEnv.deployers); `known.accounts` when not given. */
  deployers?: Record<string, Address>;
  artifacts: CompiledRepo;
};

const short = (a: string | null | undefined) => (a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "none");
const show = (v: AddressOrRef | null | undefined) => (v == null ? "none" : isRef(v) ? `\${${v.$ref}}` : v);

/** The part of a step that depends only on the repo: what would be deployed, resolved as far as possible. */
export function baseStep(ctx: StepContext, name: string): Omit<PlanStep, "action" | "reasons"> {
  const c = ctx.model.contracts[name] as Model["contracts"][string];
  const artifact = ctx.artifacts.contracts[name] as Artifact;
  const args = resolveArgs(c.args, ctx.known);
  const init = c.proxy ? resolveArgs(c.proxy.initializer.args, ctx.known) : undefined;
  const deps = new Set([...args.contracts, ...(init?.contracts ?? [])]);
  // The signer decides who deploys, not the account's fixed address (they differ only in a repo validate warned about).
  const deployerAddress = (ctx.deployers ?? ctx.known.accounts)[c.deployer];
  const step: Omit<PlanStep, "action" | "reasons"> = {
    id: `${ctx.network}/${name}`,
    network: ctx.network,
    chainId: ctx.chainId,
    contract: name,
    kind: c.proxy ? c.proxy.kind : c.salt ? "create2" : "plain",
    source: c.source,
    contractName: artifact.name,
    deployer: { account: c.deployer, ...(deployerAddress ? { address: deployerAddress } : {}) },
    args: args.args,
    ...(c.proxy && init ? { initializer: { function: c.proxy.initializer.function, args: init.args } } : {}),
    ...(c.salt ? { salt: c.salt } : {}),
    dependsOn: [...deps].sort().map((d) => `${ctx.network}/${d}`),
    codeHash: artifact.codeHash,
  };
  const owner = resolveAddress(c.owner, ctx.known);
  if (owner) step.owner = owner;
  const admin = resolveAddress(c.admin, ctx.known);
  if (admin) step.admin = admin;
  if (c.roles) {
    step.roles = Object.keys(c.roles)
      .sort()
      .map((role) => ({
        role,
        roleId: roleId(role),
        accounts: (c.roles?.[role] ?? []).map((a) => resolveAddress(a, ctx.known) as AddressOrRef),
      }));
  }
  // Arguments that do not fit the ABI are the step's problems (abiProblems): no address to predict.
  if (c.salt && !args.unresolved && !abiProblems(ctx.model, name, artifact).length) {
    const code = encodeOrExplain(ctx, name, ["args"], () => initCode(artifact, args.args as unknown[]));
    const implAddress = create2Address(code, c.salt);
    if (!c.proxy) step.expectedAddress = implAddress;
    else {
      step.expectedImplementation = implAddress;
      const adminOwner = admin && !isRef(admin) ? admin : deployerAddress;
      if (init && !init.unresolved && (c.proxy.kind === "uups" || adminOwner)) {
        const data = encodeOrExplain(ctx, name, ["proxy", "initializer", "args"], () =>
          initializerData(artifact, c.proxy?.initializer.function ?? "initialize", init.args as unknown[]),
        );
        const proxy = proxyArtifact(ctx.artifacts.proxies, c.proxy.kind);
        step.expectedAddress = create2Address(initCode(proxy, proxyConstructorArgs(c.proxy.kind, implAddress, data, adminOwner)), c.salt);
      }
    }
  }
  return step;
}

/** Arguments that do not fit the ABI are a repo mistake: say where, and what solc expects. */
function encodeOrExplain<T>(ctx: StepContext, name: string, path: (string | number)[], fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    const at = locate(ctx.model, "contracts", name, path);
    throw new PlanArgsError(`${at.file}:${at.line}:${at.col}: arguments of ${name} do not match its ABI`, {
      details: cause instanceof Error ? cause.message.split("\n")[0] : String(cause),
      hint: "Check the number and types of the constructor/initializer arguments against the Solidity source.",
      cause,
    });
  }
}

/** Live vs record: anything that changed on chain without w3o (compareRecorded, on the code compiled now). */
export function driftOf(rec: RecordedContract, live: LiveContract, artifact: Artifact, proxyArt?: Artifact): Drift[] {
  // The snapshot hashed the live code with the current compiled code's immutables zeroed (snapshotTargets):
  // stripped hashes only compare where the compiled code is the recorded one.
  const atAddress = rec.proxy ? proxyArt : artifact;
  return driftsOf(
    compareRecorded(rec, live, {
      code: atAddress !== undefined && atAddress.codeHash === rec.codeHash,
      implementationCode: rec.proxy !== undefined && artifact.codeHash === rec.proxy.implementation.codeHash,
    }),
  );
}

/** Repo vs record (and chain, which matches the record here): what apply changes in place. */
export function changesOf(
  step: Omit<PlanStep, "action" | "reasons">,
  rec: RecordedContract,
  live: LiveContract,
  artifact: Artifact,
): UpdateChange[] {
  const out: UpdateChange[] = [];
  if (rec.proxy && artifact.codeHash !== rec.proxy.implementation.codeHash) {
    const old = rec.proxy.implementation.storageLayout as StorageLayout | undefined;
    let storageLayout: "compatible" | "incompatible" | "unknown" = "unknown";
    let storageLayoutReport: string | undefined;
    if (old && artifact.storageLayout) {
      const { getStorageUpgradeReport, withValidationDefaults } = upgradesCore();
      const report = getStorageUpgradeReport(old, artifact.storageLayout, withValidationDefaults({}));
      storageLayout = report.ok ? "compatible" : "incompatible";
      if (!report.ok) storageLayoutReport = report.explain(false);
    }
    out.push({
      kind: "upgrade",
      fromImplementation: rec.proxy.implementation.address as Address,
      fromCodeHash: rec.proxy.implementation.codeHash as Hex,
      toCodeHash: artifact.codeHash,
      storageLayout,
      ...(storageLayoutReport ? { storageLayoutReport } : {}),
    });
  }
  if (step.owner && (isRef(step.owner) || !sameAddress(live.owner, step.owner))) {
    out.push({ kind: "transfer-ownership", from: live.owner, to: step.owner });
  }
  if (step.admin && rec.proxy?.admin && (isRef(step.admin) || !sameAddress(live.proxyAdminOwner, step.admin))) {
    out.push({ kind: "transfer-proxy-admin", proxyAdmin: rec.proxy.admin as Address, from: live.proxyAdminOwner ?? null, to: step.admin });
  }
  const granted = (role: string, account: string) =>
    Object.entries(live.roles ?? {}).some(([k, v]) => v && k.startsWith(`${role}:`) && sameAddress(k.slice(role.length + 1), account));
  const declared = new Set<string>();
  for (const r of step.roles ?? []) {
    for (const account of r.accounts) {
      if (!isRef(account)) declared.add(`${r.role}:${account.toLowerCase()}`);
      if (isRef(account) || !granted(r.role, account)) out.push({ kind: "grant-role", role: r.role, roleId: r.roleId, account });
    }
  }
  for (const [role, accounts] of Object.entries(rec.roles ?? {})) {
    for (const account of accounts) {
      if (!declared.has(`${role}:${account.toLowerCase()}`) && granted(role, account)) {
        out.push({ kind: "revoke-role", role, roleId: roleId(role), account: account as Address });
      }
    }
  }
  return out;
}

export function describeChange(ch: UpdateChange): string {
  switch (ch.kind) {
    case "upgrade": {
      const layout =
        ch.storageLayout === "compatible"
          ? "storage layout compatible"
          : ch.storageLayout === "incompatible"
            ? "STORAGE LAYOUT INCOMPATIBLE: apply will refuse"
            : "no recorded storage layout to check against";
      return `implementation code changed (${short(ch.fromCodeHash)} → ${short(ch.toCodeHash)}): upgrade from ${ch.fromImplementation}; ${layout}`;
    }
    case "transfer-ownership":
      return `transfer ownership from ${ch.from ?? "none"} to ${show(ch.to)}`;
    case "transfer-proxy-admin":
      return `transfer the ProxyAdmin (${ch.proxyAdmin}) from ${ch.from ?? "none"} to ${show(ch.to)}`;
    case "grant-role":
      return `grant ${ch.role} to ${show(ch.account)}`;
    case "revoke-role":
      return `revoke ${ch.role} from ${ch.account} (no longer declared)`;
  }
}

/** Why a recorded plain contract would need a new deployment, or nothing. */
export function replaceReasons(
  ctx: StepContext,
  step: Omit<PlanStep, "action" | "reasons">,
  rec: RecordedContract,
  artifact: Artifact,
): string[] {
  const c = ctx.model.contracts[step.contract] as Model["contracts"][string];
  const out: string[] = [];
  if (rec.proxy && c.proxy && rec.proxy.kind !== c.proxy.kind) {
    out.push(`proxy kind changed from ${rec.proxy.kind} to ${c.proxy.kind}: only a new proxy (new address) can do that`);
  }
  if (!rec.proxy && c.proxy) out.push("now declared behind a proxy, but deployed without one: a new deployment (new address) is needed");
  if (rec.proxy && !c.proxy) out.push("no longer declared behind a proxy, but deployed with one: a new deployment (new address) is needed");
  if (out.length || rec.proxy) return out;
  if (artifact.codeHash !== rec.codeHash) {
    out.push(
      `code changed (stripped runtime hash ${short(rec.codeHash)} → ${short(artifact.codeHash)}); a contract without a proxy cannot change in place`,
    );
  }
  if (step.dependsOn.length) {
    out.push(`its constructor takes ${step.dependsOn.map((d) => d.split("/")[1]).join(", ")}, which will be deployed anew`);
  } else if (!abiProblems(ctx.model, step.contract, artifact).length) {
    const encoded = encodeOrExplain(ctx, step.contract, ["args"], () => encodeArgs(artifact, step.args as unknown[]));
    if (encoded.toLowerCase() !== rec.encodedArgs.toLowerCase()) {
      out.push(`constructor arguments changed (recorded ${JSON.stringify(rec.args)}, now ${JSON.stringify(step.args)})`);
    }
  }
  if (out.length)
    out.push(
      "applying it deploys a new contract at a new address (apply does so only when asked for this step); put it behind a proxy to upgrade in place",
    );
  return out;
}
