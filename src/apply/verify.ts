import { AbiCoder, getAddress, getCreateAddress, Interface, type InterfaceAbi } from "ethers";
import type { Rpc } from "../chains/evm/client.js";
import { proxyArtifact } from "../chains/evm/create2.js";
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
 * Post-deploy checks in one batch (plan's snapshot reader) plus one, sent alongside, for the `expect` calls:
 * live runtime code equals the compiled code (metadata stripped, immutables zeroed on both
 * sides), proxy implementation slot, initializer ran, owner and ProxyAdmin owner as declared,
 * roles granted, view calls returning what the repo says.
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
    const art = artifacts.contracts[e.contract] as Artifact;
    const checks: string[] = [];
    const problems: string[] = [];
    const check = (ok: boolean, good: string, bad: string) => (ok ? checks.push(good) : problems.push(bad));
    const codeArt = codeArtifact(artifacts, e) as Artifact;
    check(
      live.strippedHash !== null && live.strippedHash === codeArt.codeHash,
      "runtime code matches the compiled code",
      live.codeHash === null ? `no code at ${e.address}` : `runtime code at ${e.address} is not the compiled ${codeArt.name}`,
    );
    if (e.implementation) {
      check(
        eq(live.implementation, e.implementation),
        "proxy points at the implementation",
        `proxy implementation slot holds ${live.implementation ?? "nothing"}, expected ${e.implementation}`,
      );
      check(
        live.implementationStrippedHash != null && live.implementationStrippedHash === art.codeHash,
        "implementation code matches the compiled code",
        `implementation code at ${e.implementation} is not the compiled ${art.name}`,
      );
    }
    if (e.initializer) check(live.initialized !== "0", "initializer was called", "the proxy was never initialized");
    if (e.owner) check(eq(live.owner, e.owner), `owner is ${e.owner}`, `owner is ${live.owner ?? "unknown"}, expected ${e.owner}`);
    if (e.adminOwner) {
      check(
        eq(live.proxyAdminOwner, e.adminOwner),
        `ProxyAdmin owner is ${e.adminOwner}`,
        `ProxyAdmin owner is ${live.proxyAdminOwner ?? "unknown"}, expected ${e.adminOwner}`,
      );
    }
    for (const r of e.roles ?? []) {
      const key = `${r.role}:${getAddress(r.account)}`;
      check(live.roles?.[key] === true, `${r.role} granted to ${r.account}`, `${r.account} lacks ${r.role}`);
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
      check(
        same(value, c.x.returns),
        `${c.x.call} returns ${show(c.x.returns)}`,
        `${c.x.call} returned ${show(value)}, expected ${show(c.x.returns)}`,
      );
    }
    return { contract: e.contract, ok: problems.length === 0, checks, problems, live };
  });
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
