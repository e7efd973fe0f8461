import { z } from "zod";
import { clientImage, clientVersion, nodeBase } from "../nodeBase.js";

export const executionClients = ["geth", "reth", "nethermind"] as const;
export const consensusClients = ["lighthouse", "teku"] as const;

export const ethereumNode = z
  .strictObject({
    chain: z.literal("ethereum"),
    ...nodeBase,
    execution: z.strictObject({ client: z.enum(executionClients), version: clientVersion, image: clientImage }),
    consensus: z.strictObject({
      client: z.enum(consensusClients),
      version: clientVersion,
      image: clientImage,
      checkpointSyncUrl: z.string().url().optional(),
    }),
    engine: z
      .strictObject({ jwtSecret: z.strictObject({ secretName: z.string() }).optional() })
      .optional()
      .describe("Engine API between the two clients; authenticated with a shared JWT secret."),
  })
  .describe("An Ethereum node: an execution client paired with a consensus client.");
