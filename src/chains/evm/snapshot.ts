import { getAddress, Interface } from "ethers";
import type { Address, Hex, ImmutableReferences } from "../../compile/types.js";
import { BaseError, redactUrl } from "../../errors/index.js";
import type { RecordedContract } from "../../state/record.js";
import type { Rpc, RpcStats } from "./client.js";
import { type CodeHashTarget, codeHashChunks, codeHashRequest, collectCodeHashes } from "./codeHashes.js";
import { decodeMulticall, MULTICALL3_ADDRESS, multicallRequests, type SubCall } from "./multicall.js";
import { roleId } from "./roles.js";
import { type RpcCall, RpcError, type RpcResult } from "./rpc.js";
import { ADMIN_SLOT, IMPLEMENTATION_SLOT, INITIALIZABLE_SLOT } from "./slots.js";
import type { LiveContract, NetworkSnapshot, SnapshotTarget } from "./types.js";

export class ChainIdMismatchError extends BaseError {
  override name = "ChainIdMismatchError";
}

const views = new Interface([
  "function owner() view returns (address)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
]);
const OWNER = views.encodeFunctionData("owner");

export type SnapshotOptions = {
  network: string;
  /** The endpoint's client: its batch limit, retries and timeouts apply, and it counts the requests. */
  rpc: Rpc;
  /** The chain id the repo declares: a different answer from the endpoint is refused. */
  chainId?: number;
  /** Keyed by contract resource name. */
  targets: Record<string, SnapshotTarget>;
};

/**
 * What to read of one recorded contract: its address, a proxy's recorded implementation and ProxyAdmin,
 * and its recorded roles after any `declared` (role, account) pairs. `immutables` are where the code
 * expected at the address (the proxy's, for a proxy) and at the implementation has immutables.
 */
export function recordTarget(
  rec: RecordedContract,
  immutables: { contract?: ImmutableReferences; implementation?: ImmutableReferences },
  declared: { role: string; account: Address }[] = [],
): SnapshotTarget {
  const t: SnapshotTarget = { address: rec.address as Address, immutables: immutables.contract };
  if (rec.proxy) {
    t.implementation = rec.proxy.implementation.address as Address;
    t.implementationImmutables = immutables.implementation;
  }
  if (rec.proxy?.admin) t.proxyAdmin = rec.proxy.admin as Address;
  const pairs = new Map(declared.map((p) => [`${p.role}:${p.account}`, p]));
  for (const [role, list] of Object.entries(rec.roles ?? {})) {
    for (const a of list) pairs.set(`${role}:${a}`, { role, account: a as Address });
  }
  if (pairs.size) t.roles = [...pairs.values()];
  return t;
}

/** A zero 32-byte word is an empty slot; otherwise its low 20 bytes are the address. */
const slotAddress = (word: unknown): Address | null => {
  if (typeof word !== "string" || /^0x0*$/.test(word)) return null;
  return getAddress(`0x${word.slice(-40)}`) as Address;
};
const roleKey = (role: string, account: string) => `${role}:${getAddress(account)}`;

/**
 * Past this many calls, and when the provider takes batches of any size, the read goes out as two
 * concurrent halves: the node works on both at once and the client parses the first while the second
 * is produced (1,000 contracts on anvil: 89 → 72 ms). Two stays within plan's bound of two requests.
 */
const SPLIT_ABOVE = 500;

/**
 * Reads the live state of every recorded contract on one network in one JSON-RPC batch (two
 * concurrent halves past SPLIT_ABOVE calls; ceil(calls / cap) where the provider caps batches):
 * eth_chainId, eth_blockNumber, the genesis block's hash, and per contract the EIP-1967 implementation/admin and Initializable
 * slots. The code hashes of every contract and recorded implementation (CodeHashes: the code itself
 * stays on the node) and owner(), ProxyAdmin owner() and hasRole() for all contracts (Multicall3
 * aggregate3) go in a few eth_calls in the same batch. The number of HTTP requests does not grow
 * with the number of contracts.
 */
export async function snapshotNetwork(opts: SnapshotOptions): Promise<NetworkSnapshot> {
  const names = Object.keys(opts.targets).sort();
  const calls: RpcCall[] = [
    { method: "eth_chainId", params: [] },
    { method: "eth_blockNumber", params: [] },
    // The chain's identity: a devnet restarted with the same chain id has another genesis block.
    { method: "eth_getBlockByNumber", params: ["0x0", false] },
  ];
  // impl/admin/init index `calls`; hash/implHash index `hashTargets`.
  const at: Record<string, { hash: number; impl: number; admin: number; init: number; implHash?: number }> = {};
  const hashTargets: CodeHashTarget[] = [];
  const subs: SubCall[] = [];
  const subAt: Record<string, { owner: number; proxyAdminOwner?: number; roles: [string, number][] }> = {};
  for (const name of names) {
    const t = opts.targets[name] as SnapshotTarget;
    const i = calls.length;
    calls.push(
      { method: "eth_getStorageAt", params: [t.address, IMPLEMENTATION_SLOT, "latest"] },
      { method: "eth_getStorageAt", params: [t.address, ADMIN_SLOT, "latest"] },
      { method: "eth_getStorageAt", params: [t.address, INITIALIZABLE_SLOT, "latest"] },
    );
    at[name] = { hash: hashTargets.length, impl: i, admin: i + 1, init: i + 2 };
    hashTargets.push({ address: t.address, immutables: t.immutables });
    if (t.implementation) {
      (at[name] as { implHash?: number }).implHash = hashTargets.length;
      hashTargets.push({ address: t.implementation, immutables: t.implementationImmutables });
    }
    const s: (typeof subAt)[string] = { owner: subs.length, roles: [] };
    subs.push({ target: t.address, callData: OWNER });
    if (t.proxyAdmin) {
      s.proxyAdminOwner = subs.length;
      subs.push({ target: t.proxyAdmin, callData: OWNER });
    }
    for (const r of t.roles ?? []) {
      s.roles.push([roleKey(r.role, r.account), subs.length]);
      subs.push({ target: t.address, callData: views.encodeFunctionData("hasRole", [roleId(r.role), r.account]) });
    }
    subAt[name] = s;
  }
  const hashesAt = calls.length;
  const hashChunks = codeHashChunks(hashTargets);
  calls.push(...hashChunks.map((chunk) => codeHashRequest(chunk)));
  const multicallAt = calls.length;
  const mc = subs.length ? multicallRequests(subs) : [];
  calls.push(...mc);

  const { rpc } = opts;
  const stats: RpcStats = { httpRequests: 0, rpcCalls: 0 };
  const splitAt = calls.length > SPLIT_ABOVE ? Math.ceil(calls.length / 2) : undefined;
  const results = await rpc.send(calls, { splitAt, stats });
  const where = `network "${opts.network}" (${redactUrl(rpc.url)})`;
  const value = (r: RpcResult | undefined, what: string): unknown => {
    if (!r || r.error) throw new RpcError(`${what} failed on ${where}`, { details: r?.error?.message ?? "no answer" });
    return r.result;
  };

  const chainId = Number(BigInt(value(results[0], "eth_chainId") as string));
  if (opts.chainId !== undefined && chainId !== opts.chainId) {
    throw new ChainIdMismatchError(
      `the RPC endpoint for network "${opts.network}" is on chain ${chainId}, but w3o.yaml says chainId ${opts.chainId}`,
      {
        details: `endpoint: ${redactUrl(rpc.url)}`,
        hint: `Point the network's rpc.env variable at a chain ${opts.chainId} endpoint, or fix networks.${opts.network}.chainId.`,
      },
    );
  }
  const blockNumber = Number(BigInt(value(results[1], "eth_blockNumber") as string));
  // An endpoint that will not give block 0 leaves the identity unknown: plan then compares nothing.
  const genesis = results[2]?.result as { hash?: unknown } | null | undefined;
  const genesisHash =
    typeof genesis?.hash === "string" && /^0x[0-9a-fA-F]{64}$/.test(genesis.hash) ? (genesis.hash.toLowerCase() as Hex) : null;

  const subResults = mc.flatMap((_, k) => {
    const raw = value(results[multicallAt + k], "Multicall3 aggregate3 eth_call") as string;
    if (raw === "0x") {
      throw new RpcError(`Multicall3 is not deployed at ${MULTICALL3_ADDRESS} on ${where}`, {
        hint: "Every major EVM chain has it; on a custom devnet use `w3o devnet`, which installs it.",
      });
    }
    return decodeMulticall(raw);
  });
  const hashes = await collectCodeHashes(hashChunks, results.slice(hashesAt, hashesAt + hashChunks.length), (c) => rpc.send(c, { stats }));
  const decodeOwner = (k: number | undefined): Address | null => {
    const r = k === undefined ? undefined : subResults[k];
    if (!r?.success || r.returnData.length !== 66) return null;
    return getAddress(`0x${r.returnData.slice(-40)}`) as Address;
  };

  const contracts: Record<string, LiveContract> = {};
  for (const name of names) {
    const t = opts.targets[name] as SnapshotTarget;
    const a = at[name] as (typeof at)[string];
    const s = subAt[name] as (typeof subAt)[string];
    const init = value(results[a.init], "eth_getStorageAt") as string;
    const live: LiveContract = {
      address: getAddress(t.address) as Address,
      codeHash: hashes[a.hash]?.codeHash ?? null,
      strippedHash: hashes[a.hash]?.strippedHash ?? null,
      implementation: slotAddress(value(results[a.impl], "eth_getStorageAt")),
      admin: slotAddress(value(results[a.admin], "eth_getStorageAt")),
      initialized: BigInt(`0x${init.slice(2).padStart(64, "0").slice(-16)}`).toString(),
      owner: decodeOwner(s.owner),
    };
    if (a.implHash !== undefined) {
      live.implementationCodeHash = hashes[a.implHash]?.codeHash ?? null;
      live.implementationStrippedHash = hashes[a.implHash]?.strippedHash ?? null;
    }
    if (t.proxyAdmin) live.proxyAdminOwner = decodeOwner(s.proxyAdminOwner);
    if (s.roles.length) {
      live.roles = Object.fromEntries(
        s.roles.map(([key, k]) => {
          const r = subResults[k];
          return [key, Boolean(r?.success && r.returnData.length === 66 && BigInt(r.returnData) === 1n)];
        }),
      );
    }
    contracts[name] = live;
  }
  return { network: opts.network, chainId, genesisHash, blockNumber, contracts, stats };
}
