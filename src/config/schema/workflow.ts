import { z } from "zod";
import { addressOrReference, name } from "./common.js";

const base = {
  environments: z.array(name).min(1).describe("Environments this workflow runs in."),
  description: z.string().optional(),
};

const amount = z.string().regex(/^\d+(\.\d+)?$/, 'amounts are decimal strings, e.g. "1000000" or "2.5"');

export const tokenLaunch = z.strictObject({
  kind: z.literal("token-launch"),
  ...base,
  token: name.describe("The ERC-20 contract (from `contracts`)."),
  distribution: z.array(z.strictObject({ to: addressOrReference, amount })).default([]),
  vesting: z.array(z.strictObject({ beneficiary: addressOrReference, amount, cliff: z.string(), duration: z.string() })).default([]),
});

export const nftMint = z.strictObject({
  kind: z.literal("nft-mint"),
  ...base,
  collection: name.describe("The ERC-721 contract (from `contracts`)."),
  baseUri: z.string().optional(),
  mints: z.array(z.strictObject({ to: addressOrReference, count: z.number().int().min(1).default(1) })).default([]),
});

export const daoSetup = z.strictObject({
  kind: z.literal("dao-setup"),
  ...base,
  governor: name,
  timelock: name,
  token: name,
  renounceAdmin: z.boolean().default(true).describe("Drop the deployer's timelock admin role once roles are granted."),
});

export const workflow = z.discriminatedUnion("kind", [tokenLaunch, nftMint, daoSetup]);
