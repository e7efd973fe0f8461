import type { RecordedContract } from "../../state/record.js";
import type { Drift, LiveContract } from "./types.js";

/**
 * Whether stripped code hashes can decide, per part of a contract: they are taken with some code's
 * immutables zeroed, so they only compare with the record's when those positions are the recorded
 * code's. An exact hash recorded by apply (`runtimeCodeHash`) always decides.
 */
export type CodeBasis = { code: boolean; implementationCode: boolean };

/** One thing compared between the record and the chain: as recorded, drifted, or not decidable from what was read. */
export type Compared = {
  field: Drift["field"];
  status: "ok" | "drift" | "undecided";
  recorded: string | null;
  live: string | null;
  /** For code: whether the exact deployed hash or the stripped one decided. */
  by?: "exact" | "stripped";
};

type Hashes = { codeHash: string | null; strippedHash: string | null };

const same = (a: string | null | undefined, b: string | null | undefined) =>
  typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();

function compareCode(
  field: "code" | "implementation-code",
  now: Hashes,
  recorded: { runtimeCodeHash?: string; codeHash: string },
  comparable: boolean,
): Compared {
  const base = { field, recorded: recorded.runtimeCodeHash ?? recorded.codeHash, live: now.codeHash };
  if (now.codeHash === null) return { ...base, status: "drift" };
  if (recorded.runtimeCodeHash) return { ...base, status: same(now.codeHash, recorded.runtimeCodeHash) ? "ok" : "drift", by: "exact" };
  if (same(now.strippedHash, recorded.codeHash)) return { ...base, status: "ok", by: "stripped" };
  return { ...base, status: comparable ? "drift" : "undecided", by: "stripped" };
}

/**
 * What the chain should hold for one contract: a record entry (plan, `w3o verify`), or what apply has
 * just deployed and configured (its post-deploy checks), in the record's shape.
 */
export type ExpectedState = Pick<RecordedContract, "codeHash" | "runtimeCodeHash" | "owner" | "roles"> & {
  proxy?: Pick<NonNullable<RecordedContract["proxy"]>, "admin" | "adminOwner"> & {
    implementation: { address: string; codeHash: string; runtimeCodeHash?: string };
    /** A proxy apply deployed without an initializer: its `_initialized` is not looked at. */
    initializerOptional?: boolean;
  };
};

/**
 * Live vs record, everything the snapshot read of one recorded contract: its code, a proxy's implementation
 * (address and code), initializer, EIP-1967 admin and ProxyAdmin owner, owner() and the recorded roles.
 * The one comparison behind plan's drift, `w3o verify`'s contract checks and apply's post-deploy checks
 * (which pass what was just deployed, and say what differs in their own words: apply/verify.ts).
 */
export function compareRecorded(rec: ExpectedState, live: LiveContract, basis: CodeBasis): Compared[] {
  // Nothing at the address: every other answer is about nothing.
  if (live.codeHash === null) return [{ field: "code", status: "drift", recorded: rec.codeHash, live: null }];
  const out = [compareCode("code", live, rec, basis.code)];
  const check = (field: Drift["field"], ok: boolean, recorded: string | null, now: string | null) =>
    out.push({ field, status: ok ? "ok" : "drift", recorded, live: now });
  if (rec.proxy) {
    const impl = rec.proxy.implementation;
    check("implementation", same(live.implementation, impl.address), impl.address, live.implementation);
    if (same(live.implementation, impl.address) && live.implementationCodeHash !== undefined) {
      const now = { codeHash: live.implementationCodeHash ?? null, strippedHash: live.implementationStrippedHash ?? null };
      out.push(compareCode("implementation-code", now, impl, basis.implementationCode));
    }
    if (!rec.proxy.initializerOptional)
      out.push({
        field: "initialized",
        status: live.initialized === "0" ? "drift" : "ok",
        recorded: "initialized",
        live: live.initialized === "0" ? "never initialized" : "initialized",
      });
    if (rec.proxy.admin) check("admin", same(live.admin, rec.proxy.admin), rec.proxy.admin, live.admin);
    if (rec.proxy.adminOwner && live.proxyAdminOwner !== undefined) {
      check("proxy-admin-owner", same(live.proxyAdminOwner, rec.proxy.adminOwner), rec.proxy.adminOwner, live.proxyAdminOwner);
    }
  }
  if (rec.owner) check("owner", same(live.owner, rec.owner), rec.owner, live.owner);
  for (const [role, accounts] of Object.entries(rec.roles ?? {})) {
    for (const account of accounts) {
      const has = Object.entries(live.roles ?? {}).find(([k]) => k.startsWith(`${role}:`) && same(k.slice(role.length + 1), account))?.[1];
      // Not read (no such pair asked for): nothing to say.
      if (has === undefined) continue;
      out.push({
        field: "role",
        status: has ? "ok" : "drift",
        recorded: `${role} granted to ${account}`,
        live: has ? "granted" : "not granted",
      });
    }
  }
  return out;
}

/** What drifted, in the order compared. */
export const driftsOf = (compared: Compared[]): Drift[] =>
  compared.filter((c) => c.status === "drift").map(({ field, recorded, live }) => ({ field, recorded, live }));

const short = (a: string | null | undefined) => (a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "none");

/** A drift in the words plan and verify both print. */
export function describeDrift(d: Drift): string {
  switch (d.field) {
    case "code":
      return d.live === null
        ? `no code at the recorded address (self-destructed, or the record belongs to another chain)`
        : `the code at the recorded address is not the code w3o deployed (runtime hash ${short(d.live)}, recorded ${short(d.recorded)})`;
    case "implementation":
      return `the proxy points at implementation ${d.live ?? "none"}, the record says ${d.recorded} (upgraded outside w3o?)`;
    case "implementation-code":
      return `the implementation's code is not the recorded one (runtime hash ${short(d.live)}, recorded ${short(d.recorded)})`;
    case "initialized":
      return "the proxy was never initialized: anyone can call its initializer and take it over";
    case "admin":
      return `the proxy's EIP-1967 admin is ${d.live ?? "none"}, the record says ${d.recorded}`;
    case "proxy-admin-owner":
      return `the ProxyAdmin is owned by ${d.live ?? "nobody"}, the record says ${d.recorded}`;
    case "owner":
      return `owner is ${d.live ?? "none (renounced, or no owner())"} on chain, the record says ${d.recorded} (changed outside w3o?)`;
    case "role":
      return `${d.recorded}, but on chain it is ${d.live} (revoked outside w3o?)`;
  }
}
