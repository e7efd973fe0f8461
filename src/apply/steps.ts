import { getAddress, Interface, type InterfaceAbi, ZeroAddress } from "ethers";
import { encodeCall, encodeConstructorArgs } from "../chains/evm/abi.js";
import type { Artifact, CompiledRepo } from "../compile/types.js";
import { keccakHex } from "../crypto/native.js";
import { BaseError } from "../errors/index.js";
import { CREATE2_FACTORY, create2Address, create2Salt, proxyArtifact, proxyConstructorArgs } from "../plan/create2.js";
import type { AddressOrRef, PlanStep, ResolvedArg } from "../plan/types.js";
import type { RecordedContract } from "../state/record.js";
import { type BuiltTx, memoizeBuild, type Op } from "./ops.js";
import type { Rpc } from "./rpc.js";

export class UpgradeRefusedError extends BaseError {
  override name = "UpgradeRefusedError";
}

export type StepContext = {
  artifacts: CompiledRepo;
  /** Account name → address (signers' addresses and fixed addresses). */
  accounts: Record<string, string>;
  /** Addresses we can sign for (lower-case): calls must come from the current owner. */
  signable: Set<string>;
  rpc: Rpc;
  /** This network's deployment record entries: who owns a proxy, which ProxyAdmin it has. */
  recorded: Record<string, RecordedContract>;
};

const views = new Interface([
  "function owner() view returns (address)",
  "function hasRole(bytes32,address) view returns (bool)",
  "function transferOwnership(address)",
  "function grantRole(bytes32,address)",
  "function revokeRole(bytes32,address)",
  "function upgradeToAndCall(address,bytes) payable",
  "function upgradeAndCall(address,address,bytes) payable",
]);

/** The op that yields a contract's address: its proxy for proxies, its deployment otherwise. */
export const addressOp = (step: Pick<PlanStep, "id" | "kind">) =>
  `${step.id}#${step.kind === "uups" || step.kind === "transparent" ? "proxy" : "deploy"}`;

/**
 * Turns the steps of one network's plan into ops. Steps that change nothing (noop, drift,
 * remove) give none; a `replace` gives ops only when the user asked for it with --redeploy.
 */
export function opsForSteps(steps: PlanStep[], ctx: StepContext, redeploy: Set<string>): Op[] {
  const byContract = new Map(steps.map((s) => [s.contract, s]));
  const ops: Op[] = [];
  for (const step of steps) {
    if (step.action === "create" || (step.action === "replace" && redeploy.has(step.contract)))
      ops.push(...createOps(step, ctx, byContract));
    else if (step.action === "update") ops.push(...updateOps(step, ctx, byContract));
  }
  return ops.map(memoizeBuild);
}

function resolver(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>) {
  const deps = new Set<string>();
  const resolve = (ref: string, addressOf: (id: string) => string): string => {
    const [kind, name] = ref.split(".") as ["contracts" | "accounts", string];
    if (kind === "accounts") {
      const a = ctx.accounts[name];
      if (!a)
        throw new BaseError(`account "${name}" has no address in this environment`, {
          hint: `Give accounts.${name} an address: or a signer:.`,
        });
      return a;
    }
    const dep = byContract.get(name);
    if (!dep) throw new BaseError(`${step.contract} needs ${name}'s address, which is neither recorded nor planned`);
    return addressOf(addressOp(dep));
  };
  const collect = (v: ResolvedArg | AddressOrRef | undefined) => {
    if (v === undefined) return;
    if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === "object" && v.$ref.startsWith("contracts.")) {
      const dep = byContract.get(v.$ref.slice("contracts.".length));
      if (dep) deps.add(addressOp(dep));
    }
  };
  const value = (v: ResolvedArg, addressOf: (id: string) => string): unknown =>
    Array.isArray(v) ? v.map((x) => value(x, addressOf)) : typeof v === "object" ? resolve(v.$ref, addressOf) : v;
  const address = (v: AddressOrRef, addressOf: (id: string) => string): string =>
    getAddress(typeof v === "object" ? resolve(v.$ref, addressOf) : v);
  return { deps, collect, value, address };
}

/** Parsing an ABI costs ~1 ms: one Interface per artifact, not one per tx built (ops are built several times). */
const interfaces = new WeakMap<object, Interface>();
export function ifaceOf(artifact: Pick<Artifact, "abi">): Interface {
  let i = interfaces.get(artifact.abi);
  if (!i) {
    i = new Interface(artifact.abi as InterfaceAbi);
    interfaces.set(artifact.abi, i);
  }
  return i;
}
const initializerData = (artifact: Artifact, fn: string, args: unknown[]) => encodeCall(artifact.abi as readonly unknown[], fn, args);

function artifactOf(step: PlanStep, ctx: StepContext): Artifact {
  const a = ctx.artifacts.contracts[step.contract];
  if (!a) throw new BaseError(`no compiled artifact for ${step.contract}`);
  return a;
}

function deployer(step: PlanStep): string {
  if (!step.deployer.address) throw new BaseError(`the deployer of ${step.contract} (account "${step.deployer.account}") has no address`);
  return step.deployer.address;
}

/** A deploy op: plain CREATE, or CREATE2 through the deterministic-deployment factory when salted. */
function deployOp(
  id: string,
  step: PlanStep,
  artifact: Artifact,
  args: (addressOf: (id: string) => string) => unknown[],
  needs: string[],
  summary: string,
): Op {
  const from = deployer(step);
  return {
    id,
    contract: step.contract,
    kind: step.salt ? "create2" : "create",
    from,
    summary,
    needs,
    after: [],
    abis: [artifact.abi as InterfaceAbi],
    runtimeCode: artifact.deployedBytecode,
    build: (addressOf): BuiltTx => {
      const encodedArgs = encodeConstructorArgs(artifact.abi as readonly unknown[], args(addressOf));
      const code = `${artifact.bytecode}${encodedArgs.slice(2)}` as `0x${string}`;
      const parts = { code: artifact.codeHash, init: keccakHex(code) };
      if (!step.salt) return { data: code, parts, encodedArgs };
      return {
        to: CREATE2_FACTORY,
        data: `${create2Salt(step.salt)}${code.slice(2)}`,
        address: create2Address(code, step.salt),
        parts: { ...parts, salt: step.salt },
        encodedArgs,
      };
    },
  };
}

function callOp(
  id: string,
  step: PlanStep,
  from: string,
  summary: string,
  needs: string[],
  after: string[],
  build: (addressOf: (id: string) => string) => { to: string; data: string },
  ctx: StepContext,
  skipIf?: Op["skipIf"],
): Op {
  if (!ctx.signable.has(from.toLowerCase())) {
    throw new BaseError(`${step.contract}: ${summary} must be sent by ${from}, which w3o cannot sign for`, {
      hint: "That account (a multisig, a timelock) has to make this change itself: propose it there, then run plan again.",
    });
  }
  return {
    id,
    contract: step.contract,
    kind: "call",
    from,
    summary,
    needs,
    after,
    abis: [artifactOfOrEmpty(ctx, step)],
    skipIf,
    build: (addressOf) => {
      const tx = build(addressOf);
      return { ...tx, parts: { call: tx.data.slice(0, 10), calldata: keccakHex(tx.data) } };
    },
  };
}

const artifactOfOrEmpty = (ctx: StepContext, step: PlanStep): InterfaceAbi =>
  (ctx.artifacts.contracts[step.contract]?.abi ?? []) as InterfaceAbi;

async function readOwner(rpc: Rpc, address: string): Promise<string | undefined> {
  const [r] = await rpc.batch<string>([
    { method: "eth_call", params: [{ to: address, data: views.encodeFunctionData("owner") }, "latest"] },
  ]);
  return r?.ok && r.result.length === 66 ? getAddress(`0x${r.result.slice(-40)}`) : undefined;
}

function createOps(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>): Op[] {
  const artifact = artifactOf(step, ctx);
  const r = resolver(step, ctx, byContract);
  r.collect(step.args);
  const argDeps = [...r.deps];
  const from = deployer(step);
  const ops: Op[] = [];
  const self = addressOp(step);

  if (step.kind === "plain" || step.kind === "create2") {
    ops.push(deployOp(self, step, artifact, (a) => step.args.map((v) => r.value(v, a)), argDeps, `deploy ${step.contract}`));
  } else {
    const implId = `${step.id}#impl`;
    ops.push(
      deployOp(implId, step, artifact, (a) => step.args.map((v) => r.value(v, a)), argDeps, `deploy ${step.contract} implementation`),
    );
    const init = step.initializer;
    const r2 = resolver(step, ctx, byContract);
    r2.collect(init?.args ?? []);
    if (step.admin) r2.collect(step.admin);
    const proxy = proxyArtifact(ctx.artifacts.proxies, step.kind);
    ops.push(
      deployOp(
        self,
        step,
        proxy,
        (a) => {
          const data = init
            ? initializerData(
                artifact,
                init.function,
                init.args.map((v) => r2.value(v, a)),
              )
            : "0x";
          const adminOwner = step.admin ? r2.address(step.admin, a) : from;
          return proxyConstructorArgs(
            step.kind as "uups" | "transparent",
            a(implId) as `0x${string}`,
            data as `0x${string}`,
            adminOwner as `0x${string}`,
          );
        },
        [implId, ...r2.deps],
        `deploy ${step.kind === "uups" ? "ERC1967 (UUPS)" : "transparent"} proxy of ${step.contract}${init ? ` and call ${init.function}()` : ""}`,
      ),
    );
  }

  if (step.owner) ops.push(ownershipOp(step, ctx, byContract, from, step.owner, (a) => a(self), [self]));
  for (const role of step.roles ?? []) {
    for (const [i, account] of role.accounts.entries()) {
      const rr = resolver(step, ctx, byContract);
      rr.collect(account);
      ops.push(
        callOp(
          `${step.id}#role:${role.role}:${i}`,
          step,
          from,
          `grant ${role.role} on ${step.contract}`,
          [self, ...rr.deps],
          [self],
          (a) => ({ to: a(self), data: views.encodeFunctionData("grantRole", [role.roleId, rr.address(account, a)]) }),
          ctx,
        ),
      );
    }
  }
  // Ownership moves last: once it is transferred, the deployer can no longer grant roles.
  return ops.sort((x, y) => Number(x.id.endsWith("#owner")) - Number(y.id.endsWith("#owner")));
}

/**
 * transferOwnership to `owner` on the contract at `target`, after the ops in `after` (a fresh deploy
 * waits for itself). Skipped when the contract already has that owner: a resumed apply, or a transfer
 * someone made by hand, must not send a transfer that would revert.
 */
function ownershipOp(
  step: PlanStep,
  ctx: StepContext,
  byContract: Map<string, PlanStep>,
  from: string,
  owner: AddressOrRef,
  target: (addressOf: (id: string) => string) => string,
  after: string[],
): Op {
  const r = resolver(step, ctx, byContract);
  r.collect(owner);
  return callOp(
    `${step.id}#owner`,
    step,
    from,
    `transfer ownership of ${step.contract}`,
    [...after, ...r.deps],
    after,
    (a) => ({ to: target(a), data: views.encodeFunctionData("transferOwnership", [r.address(owner, a)]) }),
    ctx,
    async (a) => {
      const current = await readOwner(ctx.rpc, target(a));
      const want = r.address(owner, a);
      // Any other owner than the sender makes the transfer revert, which estimation reports decoded.
      return current && current.toLowerCase() === want.toLowerCase() ? `already owned by ${want}` : undefined;
    },
  );
}

function updateOps(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>): Op[] {
  const ops: Op[] = [];
  const proxyAddress = step.recorded?.address;
  const at = () => {
    if (!proxyAddress) throw new BaseError(`${step.contract} has no recorded address to update`);
    return proxyAddress;
  };
  for (const change of step.changes ?? []) {
    if (change.kind === "upgrade") {
      if (change.storageLayout === "incompatible") {
        throw new UpgradeRefusedError(`the new ${step.contract} implementation is not storage-compatible with the deployed one`, {
          metaMessages: (change.storageLayoutReport ?? "").split("\n").filter(Boolean),
          hint: "Keep existing state variables in place (append new ones, or use gaps/namespaced storage), then plan again.",
        });
      }
      const artifact = artifactOf(step, ctx);
      const r = resolver(step, ctx, byContract);
      r.collect(step.args);
      const implId = `${step.id}#impl`;
      ops.push(
        deployOp(
          implId,
          { ...step, salt: undefined },
          artifact,
          (a) => step.args.map((v) => r.value(v, a)),
          [...r.deps],
          `deploy new ${step.contract} implementation`,
        ),
      );
      ops.push(upgradeOp(step, ctx, implId, at));
    } else if (change.kind === "transfer-ownership") {
      ops.push(ownershipOp(step, ctx, byContract, change.from ?? deployer(step), change.to, at, []));
    } else if (change.kind === "transfer-proxy-admin") {
      const r = resolver(step, ctx, byContract);
      r.collect(change.to);
      const from = change.from ?? deployer(step);
      ops.push(
        callOp(
          `${step.id}#admin-owner`,
          step,
          from,
          `transfer the ProxyAdmin of ${step.contract}`,
          [...r.deps],
          [],
          (a) => ({
            to: change.proxyAdmin,
            data: views.encodeFunctionData("transferOwnership", [r.address(change.to, a)]),
          }),
          ctx,
        ),
      );
    } else if (change.kind === "grant-role" || change.kind === "revoke-role") {
      const r = resolver(step, ctx, byContract);
      r.collect(change.account);
      const fn = change.kind === "grant-role" ? "grantRole" : "revokeRole";
      ops.push(
        callOp(
          `${step.id}#${change.kind}:${change.role}:${typeof change.account === "string" ? change.account : change.account.$ref}`,
          step,
          deployer(step),
          `${fn} ${change.role} on ${step.contract}`,
          [...r.deps],
          [],
          (a) => ({
            to: at(),
            data: views.encodeFunctionData(fn, [change.roleId, r.address(change.account, a)]),
          }),
          ctx,
        ),
      );
    }
  }
  return ops;
}

/** UUPS: the proxy's own upgradeToAndCall, from its owner. Transparent: ProxyAdmin.upgradeAndCall, from the admin's owner. */
function upgradeOp(step: PlanStep, ctx: StepContext, implId: string, at: () => string): Op {
  const rec = ctx.recorded[step.contract];
  const from = (step.kind === "transparent" ? rec?.proxy?.adminOwner : rec?.owner) ?? deployer(step);
  const proxyAdmin = rec?.proxy?.admin ?? ZeroAddress;
  return callOp(
    `${step.id}#upgrade`,
    step,
    from,
    `upgrade ${step.contract} to the new implementation`,
    [implId],
    [implId],
    (a) =>
      step.kind === "transparent"
        ? { to: proxyAdmin, data: views.encodeFunctionData("upgradeAndCall", [at(), a(implId), "0x"]) }
        : { to: at(), data: views.encodeFunctionData("upgradeToAndCall", [a(implId), "0x"]) },
    ctx,
  );
}
