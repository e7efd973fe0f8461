import { getAddress, Interface, type InterfaceAbi } from "ethers";
import { encodeConstructorArgs } from "../chains/evm/abi.js";
import type { Rpc } from "../chains/evm/client.js";
import { CREATE2_FACTORY, create2Address, create2Salt } from "../chains/evm/create2.js";
import type { Artifact, CompiledRepo } from "../compile/types.js";
import { keccakHex } from "../crypto/native.js";
import { BaseError } from "../errors/index.js";
import type { AddressOrRef, PlanStep, ResolvedArg } from "../plan/types.js";
import type { RecordedContract } from "../state/record.js";
import type { BuiltTx, Op } from "./ops.js";

/*
 * The pieces ops are made of, shared by new deployments (steps.ts) and changes to deployed
 * contracts (updates.ts): resolving ${contracts.X} / ${accounts.Y} references to addresses, deploy
 * and call ops, and the ownership transfer both of them end with.
 */

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

export const views = new Interface([
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

export function resolver(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>) {
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

export function artifactOf(step: PlanStep, ctx: StepContext): Artifact {
  const a = ctx.artifacts.contracts[step.contract];
  if (!a) throw new BaseError(`no compiled artifact for ${step.contract}`);
  return a;
}

export function deployer(step: PlanStep): string {
  if (!step.deployer.address) throw new BaseError(`the deployer of ${step.contract} (account "${step.deployer.account}") has no address`);
  return step.deployer.address;
}

/** A deploy op: plain CREATE, or CREATE2 through the deterministic-deployment factory when salted. */
export function deployOp(
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

export function callOp(
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

/**
 * transferOwnership to `owner` on the contract at `target`, after the ops in `after` (a fresh deploy
 * waits for itself). Skipped when the contract already has that owner: a resumed apply, or a transfer
 * someone made by hand, must not send a transfer that would revert.
 */
export function ownershipOp(
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
