import { z } from "zod";
import { quantity } from "../../config/schema/common.js";
import { clientImage, clientVersion, nodeBase, resources } from "../nodeBase.js";

export const executionClients = ["geth", "reth", "nethermind"] as const;
export const consensusClients = ["lighthouse", "teku"] as const;

/** The execution client's share of pod-level `resources`; the consensus client gets the rest. */
export const EXECUTION_SHARE = 0.75;

/**
 * Either the pod's resources, split 3:1 between the execution and consensus client (what every
 * existing config means), or each client's own. Not both: two sources of one number disagree.
 */
export const ethereumResources = z
  .strictObject({
    cpu: quantity.optional(),
    memory: quantity.optional(),
    limits: resources.shape.limits,
    execution: resources.optional().describe("The execution client's own requests and limits."),
    consensus: resources.optional().describe("The consensus client's own requests and limits."),
  })
  .superRefine((r, ctx) => {
    const pod = r.cpu !== undefined || r.memory !== undefined || r.limits !== undefined;
    const perClient = r.execution !== undefined || r.consensus !== undefined;
    if (pod && perClient) {
      ctx.addIssue({ code: "custom", message: "give either the pod's cpu/memory (split 3:1) or execution and consensus, not both" });
    } else if (perClient && !(r.execution && r.consensus)) {
      ctx.addIssue({
        code: "custom",
        message: "give both execution and consensus resources",
        path: [r.execution ? "consensus" : "execution"],
      });
    } else if (!perClient && (r.cpu === undefined || r.memory === undefined)) {
      ctx.addIssue({ code: "custom", message: "give cpu and memory (split 3:1), or execution and consensus resources" });
    }
  })
  .describe(
    "The pod's `cpu`/`memory`/`limits`, split 3:1: the execution client gets 75%, the consensus client 25% (requests and limits alike); or `execution` and `consensus` each with their own `cpu`/`memory`/`limits`.",
  );

export const ethereumNode = z
  .strictObject({
    chain: z.literal("ethereum"),
    ...nodeBase,
    resources: ethereumResources,
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
