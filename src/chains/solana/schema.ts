import { z } from "zod";
import { clientImage, clientVersion, nodeBase } from "../nodeBase.js";

export const solanaNode = z
  .strictObject({
    chain: z.literal("solana"),
    ...nodeBase,
    client: z.strictObject({ name: z.literal("agave"), version: clientVersion, image: clientImage }),
    knownValidators: z.array(z.string()).default([]).describe("Identity pubkeys trusted for snapshots."),
  })
  .describe("A Solana RPC node running the Agave validator client without voting.");
