import { encodeArgs } from "../chains/evm/create2.js";
import type { CompiledRepo } from "../compile/types.js";
import type { PlanStep, ResolvedArg } from "../plan/types.js";
import type { DeploymentRecord, RecordedContract } from "../state/record.js";
import { addressOp } from "./builders.js";
import type { OpResult } from "./ops.js";
import { proxyAdminOf, type Verification } from "./verify.js";

export type RecordInput = {
  base: DeploymentRecord | undefined;
  project: string;
  environment: string;
  network: string;
  chainId: number;
  /** Hash of the chain's genesis block, when the endpoint gave it. */
  genesisHash?: string;
  steps: PlanStep[];
  results: Map<string, OpResult>;
  artifacts: CompiledRepo;
  verifications: Map<string, Verification>;
  /** Resolves a step's args with the addresses this run produced. */
  resolveArgs(step: PlanStep, args: ResolvedArg[]): unknown[];
  now: string;
};

const done = (r: OpResult | undefined) => r?.status === "done" || r?.status === "skipped";

/**
 * The next deployment record: the previous one, plus what this run deployed or changed, minus what
 * the repo no longer declares. Only what is on chain goes in: a failed deploy is absent, a deploy
 * whose ownership transfer failed is recorded with the owner the chain reports.
 */
export function nextRecord(i: RecordInput): DeploymentRecord {
  // Entries of another chain history are not carried over: only what is on this chain goes in.
  const sameChain = !i.base?.genesisHash || !i.genesisHash || i.base.genesisHash.toLowerCase() === i.genesisHash.toLowerCase();
  const contracts: Record<string, RecordedContract> = { ...(sameChain ? (i.base?.contracts ?? {}) : {}) };
  for (const step of i.steps) {
    const art = i.artifacts.contracts[step.contract];
    const v = i.verifications.get(step.contract);
    if (step.action === "remove") {
      delete contracts[step.contract];
      continue;
    }
    if (!art) continue;
    const pub = i.results.get(addressOp(step));
    const impl = i.results.get(`${step.id}#impl`);
    if ((step.action === "create" || step.action === "replace") && done(pub) && pub?.address) {
      const args = i.resolveArgs(step, step.args);
      const proxied = step.kind === "uups" || step.kind === "transparent";
      const codeArt =
        step.kind === "uups"
          ? i.artifacts.proxies.ERC1967Proxy
          : step.kind === "transparent"
            ? i.artifacts.proxies.TransparentUpgradeableProxy
            : art;
      const entry: RecordedContract = {
        address: pub.address,
        txHash: pub.txHash ?? contracts[step.contract]?.txHash ?? `0x${"0".repeat(64)}`,
        blockNumber: pub.blockNumber ?? 0,
        deployer: step.deployer.address ?? "",
        source: step.source,
        contract: step.contractName,
        codeHash: codeArt.codeHash,
        compiler: art.compiler,
        args,
        // What this run sent, when it sent it; encoded again only for a deploy resumed from the journal.
        encodedArgs: (proxied ? impl : pub)?.encodedArgs ?? encodeArgs(art, args),
        deployedAt: i.now,
      };
      if (v?.live.codeHash) entry.runtimeCodeHash = v.live.codeHash;
      if (step.salt) entry.salt = step.salt;
      if (proxied && impl?.address) {
        const admin = step.kind === "transparent" ? proxyAdminOf(pub.address) : undefined;
        entry.proxy = {
          kind: step.kind as "uups" | "transparent",
          implementation: {
            address: impl.address,
            txHash: impl.txHash ?? entry.txHash,
            codeHash: art.codeHash,
            ...(v?.live.implementationCodeHash ? { runtimeCodeHash: v.live.implementationCodeHash } : {}),
            ...(art.storageLayout ? { storageLayout: art.storageLayout } : {}),
          },
          ...(admin ? { admin, adminOwner: v?.live.proxyAdminOwner ?? undefined } : {}),
          ...(step.initializer
            ? { initializer: { function: step.initializer.function, args: i.resolveArgs(step, step.initializer.args) } }
            : {}),
        };
      }
      if (v?.live.owner) entry.owner = v.live.owner;
      const roles = grantedRoles(step, i.results, v);
      if (roles) entry.roles = roles;
      contracts[step.contract] = entry;
    } else if (step.action === "update" && contracts[step.contract]) {
      const entry = { ...contracts[step.contract]! } as RecordedContract;
      const upgrade = i.results.get(`${step.id}#upgrade`);
      if (entry.proxy && done(upgrade) && impl?.address) {
        entry.proxy = {
          ...entry.proxy,
          implementation: {
            address: impl.address,
            txHash: impl.txHash ?? entry.proxy.implementation.txHash,
            codeHash: art.codeHash,
            ...(v?.live.implementationCodeHash ? { runtimeCodeHash: v.live.implementationCodeHash } : {}),
            ...(art.storageLayout ? { storageLayout: art.storageLayout } : {}),
          },
        };
      }
      if (v?.live.owner) entry.owner = v.live.owner;
      if (entry.proxy && v?.live.proxyAdminOwner) entry.proxy = { ...entry.proxy, adminOwner: v.live.proxyAdminOwner };
      const roles = grantedRoles(step, i.results, v, entry.roles);
      if (roles) entry.roles = roles;
      contracts[step.contract] = entry;
    }
  }
  const genesisHash = i.genesisHash ?? (sameChain ? i.base?.genesisHash : undefined);
  return {
    version: 1,
    project: i.project,
    environment: i.environment,
    network: i.network,
    chainId: i.chainId,
    ...(genesisHash ? { genesisHash } : {}),
    contracts,
    // What workflows sent stays recorded: a contract apply must not make a workflow send again.
    ...(sameChain && i.base?.workflows ? { workflows: i.base.workflows } : {}),
  };
}

/** Roles as the chain has them after this run, for the (role, account) pairs w3o manages. */
function grantedRoles(
  step: PlanStep,
  results: Map<string, OpResult>,
  v: Verification | undefined,
  previous: Record<string, string[]> = {},
): Record<string, string[]> | undefined {
  void results;
  const out: Record<string, Set<string>> = Object.fromEntries(Object.entries(previous).map(([k, l]) => [k, new Set(l)]));
  for (const [key, has] of Object.entries(v?.live.roles ?? {})) {
    const [role, account] = key.split(":") as [string, string];
    out[role] ??= new Set();
    if (has) out[role].add(account);
    else out[role].delete(account);
  }
  const entries = Object.entries(out).filter(([, s]) => s.size);
  if (!entries.length && !step.roles?.length) return undefined;
  return Object.fromEntries(entries.map(([k, s]) => [k, [...s].sort()]));
}
