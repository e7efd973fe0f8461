import { z } from "zod";
import { chainIds } from "../../chains/index.js";
import { address, envRef, name } from "./common.js";

export const rpcRef = z
  .strictObject({
    env: envRef.shape.env,
    default: z
      .string()
      .url()
      .optional()
      .describe("Used when the variable is unset. Only for endpoints without credentials, such as a local devnet."),
    batchLimit: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Largest JSON-RPC batch the provider accepts; reads are split into ceil(n / batchLimit) requests."),
  })
  .describe("An RPC endpoint, read from an environment variable so that API keys stay out of git.");

export const gasPolicy = z.strictObject({
  maxFeeGwei: z.number().positive().optional().describe("Never pay more than this max fee per gas."),
  priorityFeeGwei: z.number().nonnegative().optional(),
  bumpPercent: z.number().int().min(10).max(100).default(12).describe("Fee bump for a stuck transaction (at least 10%)."),
  stuckAfter: z
    .string()
    .regex(/^\d+(ms|s|m)$/)
    .optional()
    .describe(
      "Replace a pending tx after this long. Default 60s; 2s on devnets (chain ids 31337, 1337), which mine at once but whose automine can leave a tx in the pool.",
    ),
});

export const network = z.strictObject({
  chain: z.enum(chainIds),
  chainId: z.number().int().positive().optional().describe("EIP-155 chain id; required on EVM chains."),
  genesisHash: z.string().optional().describe("Genesis block hash; identifies Polkadot and Solana networks."),
  rpc: rpcRef,
  confirmations: z.number().int().min(0).max(1000).default(1),
  codeSizeLimit: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "Largest runtime code a contract may have on this network, in bytes. Default 24576 (EIP-170: Ethereum and most EVM chains); plan refuses larger contracts.",
    ),
  gas: gasPolicy.optional(),
  explorer: z.string().url().optional(),
  safe: z
    .strictObject({
      multiSendCallOnly: address
        .default("0x9641d764fc13c8B624c04430C7356C1C7C8102e2")
        .describe("The MultiSendCallOnly a batch delegatecalls. Default: Safe 1.4.1's canonical deployment."),
      txService: z
        .string()
        .url()
        .optional()
        .describe(
          "A Safe Transaction Service to propose to, e.g. https://safe-transaction-mainnet.safe.global. Without it the proposal is a file only.",
        ),
      proposer: name.optional().describe("The account that signs proposals to the service: an owner or a delegate of the Safe."),
    })
    .optional()
    .describe("Safes owning contracts on this network: apply writes what they must sign as Safe proposals."),
});

/** What `/w3o apply` may require of a pull request, as Atlantis's apply requirements. */
export const REQUIREMENTS = ["approved", "mergeable", "undiverged", "checks-passed"] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const environment = z.strictObject({
  networks: z.array(name).min(1).describe("Networks this environment deploys to."),
  production: z
    .boolean()
    .optional()
    .describe(
      "Whether this environment is production, for the policies (owners, timelocks, staging first). Default: true when the environment is named prod, production or prod-*/prod_*; set it for any other name, e.g. live.",
    ),
  autoApply: z.boolean().default(false).describe("Apply the plan automatically when a PR merges."),
  requires: z
    .array(z.enum(REQUIREMENTS))
    .default([])
    .describe(
      "What a PR must be before `/w3o apply` may run against this environment, read from the default branch: approved (by someone other than its author), mergeable (no conflicts), undiverged (not behind its base branch), checks-passed (every check and status on its head green, w3o's own excepted).",
    ),
  branch: z.string().default("main").describe("The branch whose merges apply to this environment."),
});
