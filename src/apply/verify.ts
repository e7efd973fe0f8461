import { AbiCoder, getCreateAddress, Interface, type InterfaceAbi } from "ethers";
import type { Rpc } from "../chains/evm/client.js";
import { proxyArtifact } from "../chains/evm/create2.js";
import { type CodeBasis, type Compared, compareRecorded, type ExpectedState } from "../chains/evm/drift.js";
import { snapshotNetwork } from "../chains/evm/snapshot.js";
import type { Artifact, CompiledRepo } from "../compile/types.js";
import type { Contract } from "../config/model.js";
import type { ArgValue } from "../config/schema/contract.js";
import type { Address, LiveContract, SnapshotTarget } from "../plan/types.js";
import { INTEGER_TEXT, parseInteger } from "../util/integer.js";

/** What apply expects of one contract it touched, with every address resolved. */
export type Expectation = {
  contract: string;
  address: string;
  kind: "plain" | "create2" | "uups" | "transparent";
  implementation?: string;
  owner?: string;
  /** Owner of the ProxyAdmin (transparent). */
  adminOwner?: string;
  initializer?: boolean;
  roles?: { role: string; account: string }[];
  expect: Contract["expect"];
};

export type Verification = { contract: string; ok: boolean; checks: string[]; problems: string[]; live: LiveContract };

/** A transparent proxy creates its ProxyAdmin as its first CREATE (nonce 1 of the proxy). */
export const proxyAdminOf = (proxy: string) => getCreateAddress({ from: proxy, nonce: 1 });

/**
 * Post-deploy checks in one batch (plan's snapshot reader) plus one, sent alongside, for the `expect` calls,
 * compared by plan's comparison (chains/evm/drift.ts) with what was just deployed: live runtime code equals
 * the compiled code (metadata stripped, immutables zeroed on both sides), proxy implementation and admin
 * slots, initializer ran, owner and ProxyAdmin owner as declared, roles granted, and view calls returning
 * what the repo says.
 */
export async function verifyDeployed(
  rpc: Rpc,
  network: string,
  chainId: number,
  artifacts: CompiledRepo,
  expectations: Expectation[],
): Promise<Verification[]> {
  if (!expectations.length) return [];
  const targets: Record<string, SnapshotTarget> = {};
  for (const e of expectations) {
    const art = artifacts.contracts[e.contract];
    // The live code's stripped hash is taken with the compiled code's immutables zeroed, on the node.
    const t: SnapshotTarget = { address: e.address as Address, immutables: codeArtifact(artifacts, e)?.immutableReferences };
    if (e.implementation) {
      t.implementation = e.implementation as Address;
      t.implementationImmutables = art?.immutableReferences;
    }
    if (e.kind === "transparent") t.proxyAdmin = proxyAdminOf(e.address) as Address;
    if (e.roles?.length) t.roles = e.roles.map((r) => ({ role: r.role, account: r.account as Address }));
    targets[e.contract] = t;
  }
  const calls = expectations.flatMap((e) =>
    e.expect.map((x) => ({ e, x, fn: new Interface(artifacts.contracts[e.contract]?.abi as InterfaceAbi).getFunction(x.call) })),
  );
  // The state and the `expect` calls are read at once: neither needs the other.
  const [snap, answers] = await Promise.all([
    snapshotNetwork({ network, rpc, chainId, targets }),
    calls.length
      ? rpc.batch<string>(
          calls.map((c) => ({
            method: "eth_call",
            params: [{ to: c.e.address, data: c.fn ? new Interface([c.fn]).encodeFunctionData(c.fn, c.x.args) : "0x" }, "latest"],
          })),
        )
      : [],
  ]);

  return expectations.map((e) => {
    const live = snap.contracts[e.contract]!;
    const checks: string[] = [];
    const problems: string[] = [];
    for (const c of compareRecorded(expectedState(artifacts, e), live, EXACT_BASIS)) {
      if (c.status === "ok") checks.push(checkPassed(c));
      else problems.push(checkFailed(c, e, codeArtifact(artifacts, e)!, artifacts.contracts[e.contract]!));
    }
    for (const [i, c] of calls.entries()) {
      if (c.e !== e) continue;
      const a = answers[i];
      if (!c.fn) {
        problems.push(`${c.x.call}: no such function in the ABI`);
        continue;
      }
      if (!a?.ok) {
        problems.push(`${c.x.call} reverted: ${a?.error.message ?? "no answer"}`);
        continue;
      }
      const got = AbiCoder.defaultAbiCoder().decode(c.fn.outputs, a.result);
      const value = got.length === 1 ? got[0] : [...got];
      if (same(value, c.x.returns)) checks.push(`${c.x.call} returns ${show(c.x.returns)}`);
      else problems.push(`${c.x.call} returned ${show(value)}, expected ${show(c.x.returns)}`);
    }
    return { contract: e.contract, ok: problems.length === 0, checks, problems, live };
  });
}

/**
 * The snapshot zeroed the compiled code's own immutables (verifyDeployed's targets), so stripped hashes
 * always decide here: right after a deploy there is no older recorded code to be unsure about.
 */
const EXACT_BASIS: CodeBasis = { code: true, implementationCode: true };

/** What was just deployed, in the record's shape, for the comparison plan and `w3o verify` use. */
function expectedState(artifacts: CompiledRepo, e: Expectation): ExpectedState {
  const roles: Record<string, string[]> = {};
  for (const r of e.roles ?? []) roles[r.role] = [...(roles[r.role] ?? []), r.account];
  return {
    codeHash: codeArtifact(artifacts, e)!.codeHash,
    ...(e.owner ? { owner: e.owner } : {}),
    ...(e.roles?.length ? { roles } : {}),
    ...(e.implementation
      ? {
          proxy: {
            implementation: { address: e.implementation, codeHash: artifacts.contracts[e.contract]!.codeHash },
            initializerOptional: !e.initializer,
            ...(e.kind === "transparent" ? { admin: proxyAdminOf(e.address), adminOwner: e.adminOwner } : {}),
          },
        }
      : {}),
  };
}

/** A check that held, as apply lists it after a deploy. */
function checkPassed(c: Compared): string {
  switch (c.field) {
    case "code":
      return "runtime code matches the compiled code";
    case "implementation":
      return "proxy points at the implementation";
    case "implementation-code":
      return "implementation code matches the compiled code";
    case "initialized":
      return "initializer was called";
    case "admin":
      return "proxy admin is the ProxyAdmin it created";
    case "proxy-admin-owner":
      return `ProxyAdmin owner is ${c.recorded}`;
    case "owner":
      return `owner is ${c.recorded}`;
    case "role":
      return c.recorded ?? "role granted";
  }
}

/**
 * A check that failed right after apply's own transactions: what was deployed or configured differs from
 * what was compiled or declared (not plan's "changed outside w3o?", which is about later changes).
 */
function checkFailed(c: Compared, e: Expectation, code: Artifact, impl: Artifact): string {
  switch (c.field) {
    case "code":
      return c.live === null ? `no code at ${e.address}` : `deployed code at ${e.address} differs from the compiled code of ${code.name}`;
    case "implementation":
      return `proxy implementation slot holds ${c.live ?? "nothing"}, expected ${c.recorded}`;
    case "implementation-code":
      return `deployed implementation code at ${e.implementation} differs from the compiled code of ${impl.name}`;
    case "initialized":
      return "the proxy was never initialized";
    case "admin":
      return `proxy admin slot holds ${c.live ?? "nothing"}, expected the ProxyAdmin it created (${c.recorded})`;
    case "proxy-admin-owner":
      return `ProxyAdmin owner is ${c.live ?? "unknown"}, expected ${c.recorded}`;
    case "owner":
      return `owner is ${c.live ?? "unknown"}, expected ${c.recorded}`;
    case "role":
      return `not granted: ${c.recorded}`;
  }
}

/** The compiled code expected at a contract's address: the proxy's for proxied contracts. */
const codeArtifact = (artifacts: CompiledRepo, e: Expectation): Artifact | undefined =>
  e.kind === "uups" || e.kind === "transparent" ? proxyArtifact(artifacts.proxies, e.kind) : artifacts.contracts[e.contract];

const eq = (a: string | null | undefined, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase();

function same(value: unknown, want: ArgValue): boolean {
  if (Array.isArray(want)) return Array.isArray(value) && value.length === want.length && want.every((w, i) => same(value[i], w));
  // Exactly: the loader refused numbers YAML could not hold (config/numbers.ts); strings are digits or 0x-hex.
  if (typeof value === "bigint") {
    if (typeof want === "number") return Number.isSafeInteger(want) && BigInt(want) === value;
    return typeof want === "string" && INTEGER_TEXT.test(want) && parseInteger(want) === value;
  }
  if (typeof value === "string" && typeof want === "string" && /^0x[0-9a-fA-F]{40}$/.test(want)) return eq(value, want);
  return value === want;
}

const show = (v: unknown): string =>
  typeof v === "bigint" ? v.toString() : JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
