import { getAddress } from "ethers";
import { type CodeHashes, type CodeHashTarget, codeHashChunks, codeHashRequest, collectCodeHashes } from "../chains/evm/codeHashes.js";
import type { ImmutableReferences } from "../compile/types.js";
import type { DeploymentRecord, RecordedContract } from "../state/record.js";
import { compareStrings } from "../util/compare.js";
import { type RpcCall, type RpcOutcome, rpcBatch } from "./rpc.js";
import type { Check, ContractReport } from "./types.js";

/** EIP-1967 implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
export const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
const OWNER_SELECTOR = "0x8da5cb5b";

/**
 * Where immutables sit in a recorded contract's runtime code (solc's immutableReferences), so
 * they can be zeroed before hashing. Without it, a contract with immutables cannot be matched
 * against its record and the code check is a warning rather than a pass or a failure.
 */
export type ImmutablesOf = (
  name: string,
  contract: RecordedContract,
  part: "contract" | "implementation",
) => ImmutableReferences | undefined;

/**
 * Live code, owner and proxy implementation of every recorded contract, in one batch. Code is
 * compared by its hashes, computed on the node (CodeHashes): a monitoring tick does not pull every
 * contract's bytecode over the wire.
 */
export async function checkContracts(
  url: string,
  record: DeploymentRecord,
  opts: { batchLimit?: number; immutables?: ImmutablesOf } = {},
): Promise<ContractReport[]> {
  const entries = Object.entries(record.contracts).sort(([a], [b]) => compareStrings(a, b));
  const calls: RpcCall[] = [];
  const hashTargets: CodeHashTarget[] = [];
  for (const [name, c] of entries) {
    calls.push({ method: "eth_call", params: [{ to: c.address, data: OWNER_SELECTOR }, "latest"] });
    calls.push({ method: "eth_getStorageAt", params: [c.address, IMPLEMENTATION_SLOT, "latest"] });
    hashTargets.push({ address: c.address, immutables: opts.immutables?.(name, c, "contract") });
    if (c.proxy) hashTargets.push({ address: c.proxy.implementation.address, immutables: opts.immutables?.(name, c, "implementation") });
  }
  const hashChunks = codeHashChunks(hashTargets);
  const out = await rpcBatch(url, [...calls, ...hashChunks.map((chunk) => codeHashRequest(chunk))], { batchLimit: opts.batchLimit });
  let unreadable: string | undefined;
  const hashes = await collectCodeHashes(hashChunks, out.slice(calls.length), (c) =>
    rpcBatch(url, c, { batchLimit: opts.batchLimit }),
  ).catch((e: unknown) => {
    unreadable = e instanceof Error ? e.message : String(e);
    return [];
  });
  let i = 0;
  let h = 0;
  return entries.map(([name, c]) => {
    const [owner, slot] = [out[i++], out[i++]];
    const live = hashes[h++] ?? { codeHash: null, strippedHash: null };
    const implLive = c.proxy ? hashes[h++] : undefined;
    const checks: Check[] = [];
    const report: ContractReport = { name, address: c.address, checks };
    if (unreadable) checks.push({ check: "code", status: "fail", message: `cannot read the code hashes: ${unreadable}` });
    else if (live.codeHash === null) {
      checks.push({ check: "code", status: "fail", message: `no code at ${c.address}` });
      report.codeMatch = false;
      return report;
    }
    if (c.proxy) {
      const impl = slotAddress(slot);
      const want = getAddress(c.proxy.implementation.address);
      checks.push(
        impl === want
          ? { check: "implementation", status: "ok", message: `implementation ${impl}` }
          : { check: "implementation", status: "fail", message: `implementation ${impl ?? "unset"}, recorded ${want}` },
      );
      if (!unreadable && implLive) {
        report.codeMatch = compare(
          checks,
          "implementation code",
          implLive,
          c.proxy.implementation,
          opts.immutables?.(name, c, "implementation"),
        );
      }
    } else if (!unreadable) {
      report.codeMatch = compare(checks, "code", live, c, opts.immutables?.(name, c, "contract"));
    }
    if (c.owner) {
      const got = ownerOf(owner);
      report.ownerMatch = got === getAddress(c.owner);
      checks.push(
        report.ownerMatch
          ? { check: "owner", status: "ok", message: `owner ${got}` }
          : { check: "owner", status: "fail", message: `owner ${got ?? "unreadable"}, recorded ${getAddress(c.owner)}` },
      );
    }
    return report;
  });
}

/**
 * Records written by apply carry the exact hash of the code as deployed (`runtimeCodeHash`),
 * immutables included: an exact comparison, with no compiler output needed. Older records only
 * have the stripped hash, which needs the immutables' positions to decide.
 */
function compare(
  checks: Check[],
  check: string,
  live: CodeHashes,
  recorded: { codeHash: string; runtimeCodeHash?: string },
  immutables: ImmutableReferences | undefined,
): boolean | undefined {
  if (live.codeHash === null) {
    checks.push({ check, status: "fail", message: "no code" });
    return false;
  }
  if (recorded.runtimeCodeHash) {
    const exact = live.codeHash;
    const same = exact === recorded.runtimeCodeHash.toLowerCase();
    checks.push(
      same
        ? { check, status: "ok", message: "matches the deployed code recorded" }
        : { check, status: "fail", message: `live code hash ${exact} differs from the deployed code recorded ${recorded.runtimeCodeHash}` },
    );
    return same;
  }
  const hash = live.strippedHash;
  if (hash === recorded.codeHash.toLowerCase()) {
    checks.push({ check, status: "ok", message: "matches the record" });
    return true;
  }
  if (!immutables) {
    checks.push({
      check,
      status: "warn",
      message: "code present but differs from the record's hash; immutables unknown (no compiler output), cannot decide",
    });
    return undefined;
  }
  checks.push({ check, status: "fail", message: `live code hash ${hash} differs from recorded ${recorded.codeHash}` });
  return false;
}

function slotAddress(o: RpcOutcome | undefined): string | undefined {
  const v = typeof o?.result === "string" ? o.result : undefined;
  if (!v || /^0x0*$/.test(v)) return undefined;
  return getAddress(`0x${v.slice(-40)}`);
}

function ownerOf(o: RpcOutcome | undefined): string | undefined {
  const v = typeof o?.result === "string" ? o.result : undefined;
  return v && v.length >= 66 ? getAddress(`0x${v.slice(-40)}`) : undefined;
}
