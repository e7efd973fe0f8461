import { z } from "zod";
import { base } from "../../workflows/common.js";
import { tokenLaunch } from "../../workflows/token-launch/schema.js";
import { addressOrReference, name } from "./common.js";

export { tokenLaunch };

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
