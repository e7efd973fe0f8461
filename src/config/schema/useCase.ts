import { z } from "zod";

/** What the team needs from a chain; the decision tree under policies/ reads it. */
export const useCase = z
  .strictObject({
    throughput: z.enum(["low", "medium", "high", "very-high"]).optional().describe("low < 15 tps, very-high > 2,000 tps."),
    finality: z.enum(["minutes", "seconds", "sub-second"]).optional(),
    evm: z.enum(["required", "preferred", "not-needed"]).optional(),
    decentralization: z.enum(["low", "medium", "high"]).optional(),
    costPerTx: z.enum(["low", "medium", "high"]).optional().describe("How much a transaction may cost: low means cents or less."),
    privacy: z.enum(["public", "permissioned", "private"]).optional(),
    interoperability: z.enum(["none", "bridges", "native"]).optional(),
    teamSkills: z.array(z.enum(["solidity", "rust", "go", "typescript", "move"])).default([]),
    regulatory: z.array(z.enum(["gdpr", "mica", "kyc", "data-residency"])).default([]),
  })
  .describe("The declared use case, read by `w3o recommend`.");
