import { z } from "zod";
import { addressOrReference, name } from "../../config/schema/common.js";
import { base, tokenSpec, transfer, vesting } from "../common.js";

export const tokenLaunch = z
  .strictObject({
    kind: z.literal("token-launch"),
    ...base,
    token: z
      .union([name, tokenSpec])
      .describe(
        "An ERC-20 to write from OpenZeppelin's extensions, or the name of a contract (from `contracts`) whose tokens `from` holds.",
      ),
    allocations: z
      .string()
      .regex(/\.csv$/, "allocations is a .csv file")
      .optional()
      .describe(
        "CSV of address,amount[,start,cliff,duration] (relative to the repo root): a transfer per row, a vesting wallet where start and duration are given.",
      ),
    distribution: z.array(transfer).default([]).describe("Transfers written inline, after the CSV's."),
    vesting: z.array(vesting).default([]).describe("VestingWallets written inline, after the CSV's."),
    owner: addressOrReference
      .optional()
      .describe("Who owns the generated token at the end (a multisig or a timelock): ownership is transferred last."),
  })
  .describe("Deploy an ERC-20, distribute its supply and vest part of it, then hand ownership over.");
