import { z } from "zod";
import { clientImage, clientVersion, nodeBase } from "../nodeBase.js";

export const solanaNode = z
  .strictObject({
    chain: z.literal("solana"),
    ...nodeBase,
    client: z.strictObject({ name: z.literal("agave"), version: clientVersion, image: clientImage }),
    knownValidators: z.array(z.string()).default([]).describe("Identity pubkeys trusted for snapshots."),
    entrypoints: z
      .array(z.string().regex(/^[A-Za-z0-9.-]+:\d+$/, "entrypoints look like host:8001"))
      .optional()
      .describe("Gossip entrypoints; defaults to the cluster's public ones, known by genesis hash."),
  })
  .describe("A Solana RPC node running the Agave validator client without voting.");
