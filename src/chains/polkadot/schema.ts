import { z } from "zod";
import { clientImage, clientVersion, nodeBase } from "../nodeBase.js";

export const polkadotNode = z
  .strictObject({
    chain: z.literal("polkadot"),
    ...nodeBase,
    client: z.strictObject({ name: z.literal("polkadot"), version: clientVersion, image: clientImage }),
    parachain: z
      .strictObject({
        id: z.number().int().min(1000).describe("Para id, e.g. 2004 for Moonbeam."),
        chainSpec: z.string().describe("Chain spec name or path of the parachain."),
        image: z
          .string()
          .optional()
          .describe("The parachain's node image (default parity/polkadot-parachain at client.version). Pin a tag or an @sha256 digest."),
      })
      .optional()
      .describe("Run a parachain collator/full node with an embedded relay-chain node."),
  })
  .describe("A Polkadot relay-chain node, optionally a parachain node.");
