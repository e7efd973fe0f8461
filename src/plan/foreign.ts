import type { DeploymentRecord } from "../state/record.js";
import type { ForeignRecord, Hex, NetworkSnapshot } from "./types.js";

/**
 * Whether a network's record describes another history of the chain than the endpoint serves: its
 * genesis hash is not the live one (a devnet restarted, a fork with the same chain id). A record
 * written before w3o kept the genesis hash counts as foreign when none of its contracts has code: a
 * contract's code can no longer vanish from a chain (EIP-6780), so such a record cannot be of this one.
 * Pure; undefined when the record is this chain's, or when that cannot be told.
 */
export function foreignRecord(
  record: DeploymentRecord | undefined,
  snap: Pick<NetworkSnapshot, "genesisHash" | "contracts">,
): Omit<ForeignRecord, "command"> | undefined {
  if (!record) return undefined;
  const live = snap.genesisHash ?? null;
  if (record.genesisHash) {
    if (!live || record.genesisHash.toLowerCase() === live) return undefined;
    return {
      recordedGenesis: record.genesisHash.toLowerCase() as Hex,
      liveGenesis: live,
      reason: `the record of ${record.network} is from another chain (genesis ${short(record.genesisHash)} ≠ ${short(live)}): the devnet was restarted, or the endpoint serves another chain with chain id ${record.chainId}`,
    };
  }
  const names = Object.keys(record.contracts);
  if (!names.length || names.some((n) => snap.contracts[n]?.codeHash !== null)) return undefined;
  return {
    liveGenesis: live,
    reason: `the record of ${record.network} is from another chain: none of its ${names.length} contract${names.length === 1 ? " has" : "s have"} code here (the devnet was restarted?)`,
  };
}

const short = (h: string) => `${h.slice(0, 10)}…`;
