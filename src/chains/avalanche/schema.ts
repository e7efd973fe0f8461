import { z } from "zod";
import { clientImage, clientVersion, nodeBase } from "../nodeBase.js";

export const avalancheNode = z
  .strictObject({
    chain: z.literal("avalanche"),
    ...nodeBase,
    client: z.strictObject({ name: z.literal("avalanchego"), version: clientVersion, image: clientImage }),
    trackSubnets: z.array(z.string()).default([]).describe("Avalanche L1 (subnet) ids to track besides the Primary Network."),
  })
  .describe("An avalanchego node: C-Chain, P-Chain, X-Chain and any tracked Avalanche L1s.");
