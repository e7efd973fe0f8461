import { getAddress } from "ethers";
import type { ArgValue } from "../config/schema/contract.js";
import type { Address, AddressOrRef, ResolvedArg } from "./types.js";

const EXACT_REF = /^\$\{(contracts|accounts)\.([A-Za-z][A-Za-z0-9_-]*)\}$/;
const ANY_REF = /\$\{(contracts|accounts)\.([A-Za-z][A-Za-z0-9_-]*)\}/g;

export type Known = {
  /** Addresses of contracts recorded on this network (the proxy's for proxies). */
  contracts: Record<string, Address>;
  accounts: Record<string, Address>;
};

export type Resolution = { value: ResolvedArg; contracts: Set<string>; unresolved: boolean };

/**
 * Replaces `${contracts.X}` / `${accounts.Y}` by addresses where they are known. An unknown one
 * stays `{ $ref }` (exact) or in the text (embedded), and a contract one becomes a dependency.
 */
export function resolveArgs(
  values: readonly ArgValue[],
  known: Known,
): { args: ResolvedArg[]; contracts: Set<string>; unresolved: boolean } {
  const contracts = new Set<string>();
  let unresolved = false;
  const lookup = (kind: string, name: string): Address | undefined => {
    if (kind === "contracts") contracts.add(name);
    return kind === "contracts" ? known.contracts[name] : known.accounts[name];
  };
  const walk = (v: ArgValue): ResolvedArg => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== "string") return v;
    const exact = v.match(EXACT_REF);
    if (exact) {
      const [, kind, name] = exact as unknown as [string, "contracts" | "accounts", string];
      const addr = lookup(kind, name);
      if (addr) return addr;
      unresolved = true;
      return { $ref: `${kind}.${name}` };
    }
    return v.replace(ANY_REF, (m, kind: string, name: string) => {
      const addr = lookup(kind, name);
      if (!addr) unresolved = true;
      return addr ?? m;
    });
  };
  const args = values.map(walk);
  // Only contracts that are not known yet are edges; known ones are already deployed.
  for (const c of [...contracts]) if (known.contracts[c]) contracts.delete(c);
  return { args, contracts, unresolved };
}

export function resolveAddress(value: string | undefined, known: Known): AddressOrRef | undefined {
  if (value === undefined) return undefined;
  const r = resolveArgs([value], known).args[0];
  return typeof r === "string" ? (getAddress(r) as Address) : (r as AddressOrRef);
}

export const isRef = (v: unknown): v is { $ref: string } => typeof v === "object" && v !== null && "$ref" in v;

export const sameAddress = (a: string | null | undefined, b: string | null | undefined) =>
  typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
