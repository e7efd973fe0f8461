import { z } from "zod";
import { envRef, isoDate, name } from "./common.js";
import { policyPacks, severities } from "./policyNames.js";

export { policyPacks, severities };

export const suppression = z.strictObject({
  rule: z.string().regex(/^W3O-[A-Z]+-\d{3}$/, "rule ids look like W3O-SEC-001"),
  resource: z.string().describe('The resource it applies to, e.g. "nodes.eth-archive" or "*".'),
  reason: z.string().min(10, "say why, in a sentence a reviewer can judge"),
  expires: isoDate.describe("After this date the suppression stops applying and is itself reported."),
});

export const policies = z.strictObject({
  packs: z.array(z.enum(policyPacks)).default([...policyPacks]),
  failOn: z.enum(severities).default("high"),
  allowInlineSuppressions: z.boolean().default(true),
  suppressions: z.array(suppression).default([]),
  requirePauseRole: z
    .array(name)
    .default([])
    .describe("Contracts that must grant PAUSER_ROLE (an emergency stop) in production; checked by W3O-GOV-003."),
});

/** Where history and analytics are kept; the GDPR pack reads the data-protection fields. */
export const dataStore = z.strictObject({
  store: z.enum(["sqlite", "postgres"]).default("sqlite"),
  url: envRef.optional().describe("PostgreSQL connection string, from the environment."),
  retentionDays: z.number().int().min(1).optional(),
  personalData: z.boolean().default(false).describe("Does it hold data linked to people (IPs, wallet owners)?"),
  lawfulBasis: z
    .enum(["consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests"])
    .optional()
    .describe("GDPR Art. 6 lawful basis, required when personalData is true."),
  region: z.string().optional().describe("Where the data is stored, e.g. eu-west-1."),
});
