import { z } from "zod";

/**
 * What apply says while it waits, as `w3o apply --json` prints it (one object per line) and the
 * terminal renders it (cli/progress.ts). The schemas are the contract for whoever reads the JSON lines.
 */

/** What is compiled: the same in both compile events. */
const Compiled = z.object({
  /** Contracts compiled: the repo's and OpenZeppelin's proxies. */
  contracts: z.number().int(),
  /** Source units handed to solc, imports included. */
  sources: z.number().int(),
  compiler: z.string(),
});

/** Emitted once the sources are read, before solc runs (or the cached artifacts are read). */
export const CompileStartEvent = Compiled.extend({
  type: z.literal("compile-start"),
  /** The same sources and settings were compiled before: the artifacts come from the cache, solc is not run. */
  cached: z.boolean(),
});

export const CompileDoneEvent = Compiled.extend({
  type: z.literal("compile-done"),
  fromCache: z.boolean(),
  durationMs: z.number().int().nonnegative(),
  warnings: z.number().int(),
});

/** One transaction awaited: not mined yet (0), or mined and `confirmations` blocks deep. */
export const AwaitedTx = z.object({
  op: z.string(),
  /** The latest of its transactions (a fee bump replaces it at the same nonce). */
  hash: z.string(),
  nonce: z.number().int(),
  confirmations: z.number().int().nonnegative(),
});

/**
 * The transactions in flight and how deep each is, of the `required` confirmations (the network's
 * `confirmations`, at least 1: mined). Emitted when a poll finds nothing new to settle and the
 * picture differs from the last one said, never once per poll.
 */
export const WaitingEvent = z.object({
  type: z.literal("waiting"),
  network: z.string(),
  required: z.number().int().positive(),
  txs: z.array(AwaitedTx),
});

/**
 * A transaction pending for half its `gas.stuckAfter`, once per hash: when it will be replaced and at
 * what max fee, or that the fee cap (`gas.maxFeeGwei`) leaves no room and it waits at its fee.
 */
export const TxStuckEvent = z.object({
  type: z.literal("tx-stuck"),
  network: z.string(),
  op: z.string(),
  hash: z.string(),
  nonce: z.number().int(),
  /** When this hash was broadcast (ISO 8601). */
  since: z.string(),
  /** Its max fee now, in gwei. */
  feeGwei: z.string(),
  /** When it is replaced if still unmined (ISO 8601); absent when capped. */
  bumpAt: z.string().optional(),
  /** The replacement's max fee, in gwei; absent when capped. */
  bumpToGwei: z.string().optional(),
  /** The bump would exceed `gas.maxFeeGwei`: it is not replaced, it waits. */
  capped: z.boolean(),
  maxFeeGwei: z.number().optional(),
});

export const ProgressEvent = z.discriminatedUnion("type", [CompileStartEvent, CompileDoneEvent, WaitingEvent, TxStuckEvent]);

export type CompileEvent = z.infer<typeof CompileStartEvent> | z.infer<typeof CompileDoneEvent>;
/** As execute emits them; apply adds the network. */
export type WaitEvent = Omit<z.infer<typeof WaitingEvent>, "network"> | Omit<z.infer<typeof TxStuckEvent>, "network">;
export type ProgressEvent = z.infer<typeof ProgressEvent>;
