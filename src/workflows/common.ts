import { getAddress, parseUnits } from "ethers";
import { z } from "zod";
import type { Diagnostic } from "../config/diagnostics.js";
import { locate, type Model } from "../config/model.js";
import { addressOrReference, duration, name } from "../config/schema/common.js";
import type { WorkflowValue } from "./types.js";

/** What every workflow kind's schema has. */
export const base = {
  environments: z.array(name).min(1).describe("Environments this workflow runs in."),
  networks: z
    .array(name)
    .min(1)
    .optional()
    .describe("EVM networks of those environments to run on; every EVM network of the environment by default."),
  description: z.string().optional(),
  from: name.default("deployer").describe("The account (from `accounts`) that sends the workflow's transactions."),
};

export const amount = z
  .string()
  .regex(/^\d+(\.\d{1,18})?$/, 'amounts are decimal strings of whole tokens, e.g. "1000000" or "2.5"')
  .describe("An amount of whole tokens (18 decimals), as a string.");

/** An ERC-20 w3o writes from OpenZeppelin's extensions. */
export const tokenSpec = z.strictObject({
  contract: name.describe("Name of the generated contract (and how plans and records name it)."),
  name: z.string().min(1),
  symbol: z.string().min(1),
  supply: amount.describe("Minted to `from` at deployment, then distributed."),
  cap: amount.optional().describe("ERC20Capped: the most there can ever be; adds an owner-only mint up to it."),
  mintable: z.boolean().default(false).describe("An owner-only mint (implied by cap)."),
  burnable: z.boolean().default(false).describe("ERC20Burnable: holders may burn their tokens."),
  permit: z.boolean().default(false).describe("ERC20Permit (EIP-2612): approvals by signature."),
  votes: z.boolean().default(false).describe("ERC20Votes: delegation and checkpoints, for a Governor."),
});

export const transfer = z.strictObject({ to: addressOrReference, amount });

/** A VestingWallet (with a cliff) holding `amount` for `beneficiary`. */
export const vesting = z.strictObject({
  beneficiary: addressOrReference,
  amount,
  start: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/, "a start is a UTC date, 2026-01-01 or 2026-01-01T00:00:00Z")
    .describe("When vesting starts (UTC)."),
  cliff: duration.default("0s").describe("Nothing is released before start + cliff."),
  duration: duration.describe("Everything is released at start + duration."),
});

export type TokenSpec = z.infer<typeof tokenSpec>;

/** Whole tokens to base units (18 decimals). */
export const units = (amount: string) => parseUnits(amount, 18);

const SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 } as const;
export const seconds = (d: string) => {
  const m = d.match(/^(\d+)(ms|s|m|h|d)$/) as [string, string, keyof typeof SECONDS];
  return Math.floor(Number(m[1]) * SECONDS[m[2]]);
};
export const unixTime = (date: string) => Math.floor(Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date) / 1000);

/** `${contracts.X}` / `${accounts.Y}` as a value the engine resolves; an address as itself (checksummed). */
export function refValue(v: string): WorkflowValue {
  const m = v.match(/^\$\{(contracts|accounts)\.([A-Za-z][A-Za-z0-9_-]*)\}$/);
  if (m) return { $ref: `${m[1] as "contracts" | "accounts"}.${m[2] as string}` };
  return getAddress(v);
}

/** An address literal that is not in its EIP-55 checksum form, at the place it is written. */
export function checksumProblems(model: Model, workflow: string, values: [string, (string | number)[]][]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [v, at] of values) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(v) || getAddress(v) === v) continue;
    out.push({
      ...locate(model, "workflows", workflow, at),
      severity: "error",
      code: "address-checksum",
      message: `${v} is not a checksummed address`,
      hint: `Write it as ${getAddress(v)} (EIP-55), so a typo in one letter cannot send tokens elsewhere.`,
    });
  }
  return out;
}

/** Formats base units as whole tokens, e.g. 1500000000000000000 → "1.5". */
export function tokens(value: bigint): string {
  const whole = value / 10n ** 18n;
  const frac = (value % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""}`;
}
