import type { Rpc } from "../chains/evm/client.js";
import type { IntentEvent, TxSignedEvent } from "./events.js";
import type { Fees, GasPolicy } from "./fees.js";
import type { Journal } from "./journal.js";
import type { NonceManager } from "./nonces.js";
import type { BuiltTx, Op, OpResult } from "./ops.js";
import type { WaitEvent } from "./progressEvents.js";
import type { SignerPool } from "./signers.js";

export type ExecEvent =
  | { type: "op-start"; op: string; summary: string; nonce: number; address?: string }
  | { type: "op-sent"; op: string; hash: string; nonce: number }
  | { type: "op-replaced"; op: string; hash: string; maxFeePerGas: string }
  | { type: "op-done"; op: string; hash?: string; address?: string; block?: number; resumed?: boolean }
  | { type: "op-skipped"; op: string; reason: string }
  | { type: "op-failed"; op: string; message: string; hash?: string }
  | WaitEvent;

export type ExecOptions = {
  rpc: Rpc;
  journal: Journal;
  chainId: number;
  /** Who ops may be sent from; each signer opens when it first signs. */
  signers: SignerPool;
  gas: GasPolicy;
  /** Bound on txs sent and not yet mined, over all senders. */
  maxInFlight: number;
  /** Blocks a receipt must be under before its step counts as done. */
  confirmations: number;
  pollMs: number;
  /** A local devnet (anvil, hardhat): a wedged pool is replaced out of at once instead of after `stuckAfter`. */
  devnet?: boolean;
  /** Aborted on SIGINT/SIGTERM: execute stops between waves (interrupt.ts), sending nothing more. */
  signal?: AbortSignal;
  onEvent?: (e: ExecEvent) => void;
};

/** A tx signed and journaled, not yet deep enough: every signed version of it (fee bumps) is kept. */
export type Flight = {
  op: Op;
  built: BuiltTx;
  intent: IntentEvent;
  txs: TxSignedEvent[];
  fees: Fees;
  sentAt: number;
  gasLimit: bigint;
  /**
   * A receipt was seen at the last poll that answered (mined, waiting for `confirmations`): never stuck,
   * never replaced, whatever the pool says. Cleared when every hash answers "no receipt" (a reorg).
   */
  mined?: boolean;
};

/** What one execution shares between its waves, receipt polls and replacements. */
export type ExecContext = {
  o: ExecOptions;
  /** Ops not yet sent, in order. */
  pending: Op[];
  inFlight: Map<string, Flight>;
  results: Map<string, OpResult>;
  /** Op id → the address its contract has (mined) or will have (sent). */
  addresses: Map<string, string>;
  nonces: NonceManager;
  fees: Fees;
  isDone: (opId: string) => boolean;
  emit: (e: ExecEvent) => void;
  /** The signers' key material, redacted from every message (the pool's list: it grows as signers open). */
  secrets: string[];
  /** What was last said about the wait (waits.ts): said again only when it changes. */
  waits: { last?: string; stuck: Set<string> };
};
