import { chains } from "../chains/index.js";
import { DEVNET_CHAIN_IDS, isProdEnvironment, type Model } from "../config/model.js";
import { REFERENCE_RE } from "../config/schema/common.js";

/**
 * Public testnets of every chain in the registry: production must not list them. Any chain's, so that a
 * network declared as `chain: ethereum` with Base Sepolia's chain id still counts as a testnet.
 */
const TESTNET_CHAIN_IDS = new Set(Object.values(chains).flatMap((c) => Object.values(c.testnets as Record<string, number>)));

export { isProdEnvironment } from "../config/model.js";

export function prodNetworks(model: Model): Set<string> {
  const out = new Set<string>();
  for (const [name, env] of Object.entries(model.environments))
    if (isProdEnvironment(model, name)) for (const n of env.networks) out.add(n);
  return out;
}

export function stagingNetworks(model: Model): Set<string> {
  const out = new Set<string>();
  for (const [name, env] of Object.entries(model.environments))
    if (!isProdEnvironment(model, name) && /^(staging|stage|preprod|test)/i.test(name)) for (const n of env.networks) out.add(n);
  return out;
}

export const isDevnet = (model: Model, network: string) => DEVNET_CHAIN_IDS.has(model.networks[network]?.chainId ?? -1);
export const isTestnet = (model: Model, network: string) => TESTNET_CHAIN_IDS.has(model.networks[network]?.chainId ?? -1);

export type PartyKind = "eoa" | "multisig" | "timelock" | "contract" | "address" | "none";
export type Party = { kind: PartyKind; ref: string | null };

/** What an address or `${…}` reference points at: an EOA, a multisig, a timelock, another contract. */
export function partyOf(model: Model, value: string | undefined): Party {
  if (!value) return { kind: "none", ref: null };
  const m = new RegExp(REFERENCE_RE.source).exec(value);
  if (!m) return { kind: "address", ref: value };
  const [, section, name] = m as unknown as [string, string, string];
  if (section === "accounts") return { kind: model.accounts[name]?.kind ?? "eoa", ref: value };
  const c = model.contracts[name];
  // `role:` decides; the name rule is only the default, so a timelock can be called anything.
  const role = c?.role ?? (c && (/TimelockController/.test(c.contract ?? "") || /Timelock/i.test(name)) ? "timelock" : undefined);
  return { kind: role ?? "contract", ref: value };
}

/** Account references anywhere in constructor or initializer arguments (initial owners and admins). */
export function referencesInArgs(args: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "string") for (const m of v.matchAll(REFERENCE_RE)) out.push(m[0]);
  };
  walk(args);
  return out;
}

export const rpcPortsOf = (chain: string): number[] => {
  const ports = (chains as Record<string, { ports: Record<string, number> }>)[chain]?.ports ?? {};
  return ["rpc", "ws", "legacyRpc"].map((k) => ports[k]).filter((p): p is number => typeof p === "number");
};

/** Days from `now` to an ISO date (negative once it has passed). */
export function daysUntil(date: string, now: Date): number {
  const end = Date.parse(`${date}T23:59:59Z`);
  return Math.floor((end - now.getTime()) / 86_400_000);
}
