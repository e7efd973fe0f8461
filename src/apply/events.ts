/**
 * The journal's events. Each is written durably BEFORE the side effect it announces
 * (write-ahead), so that after a crash at any point the journal says what may have happened:
 *
 *   intent     → about to build and sign a tx for this step, with this nonce
 *   tx-signed  → signed; hash and raw tx stored before broadcast (see below), in the same
 *                transaction as the intent (signing is no side effect)
 *   tx-sent    → the node accepted it
 *   receipt    → mined (status 1 or 0)
 *   verified   → post-deploy checks passed
 *   failed     → the step failed for good (revert, checks); the message says why
 *   voided     → the intent will never land (never signed, or its nonce was taken by another tx):
 *                the step starts over
 *   redeploy   → the user asked to redo this step (`w3o apply --redeploy X`)
 *
 * Why the signed raw tx is stored: a signed tx holds no secret (the signature does not reveal
 * the key) and is public the moment it is broadcast. Storing it before broadcast closes the one
 * window a hash-after-send journal has (crash after the node accepted the tx, before we wrote
 * its hash), and lets resume rebroadcast the very same tx (same hash, same nonce, same CREATE
 * address) if a node dropped it, instead of signing a new one and risking a double deploy.
 */
export type StepKind = "create" | "create2" | "call";

export type IntentEvent = {
  type: "intent";
  step: string;
  kind: StepKind;
  /** Hash of what the step does (bytecode, args, sender, target): reconcile compares it. */
  fingerprint: string;
  from: string;
  nonce: number;
  /** The contract address this step creates (predicted from sender+nonce or from the CREATE2 salt). */
  address?: string;
  to?: string;
  summary: string;
  /** The parts the fingerprint was made of (code hash, args, sender, target), to explain a mismatch. */
  parts?: Record<string, string>;
};
export type TxSignedEvent = {
  type: "tx-signed";
  step: string;
  hash: string;
  nonce: number;
  raw: string;
  gasLimit: string;
  maxFeePerGas: string;
  maxPriorityFeePerGas: string;
};
export type TxSentEvent = { type: "tx-sent"; step: string; hash: string };
export type ReceiptEvent = {
  type: "receipt";
  step: string;
  hash: string;
  blockNumber: number;
  status: 0 | 1;
  gasUsed: string;
  contractAddress?: string;
};
export type VerifiedEvent = { type: "verified"; step: string; checks: string[] };
export type FailedEvent = { type: "failed"; step: string; message: string; hash?: string };
export type VoidedEvent = { type: "voided"; step: string; reason: string };
export type RedeployEvent = { type: "redeploy"; step: string; reason: string };
/** The deployment record written at the end of a run; the steps it covers are settled (the next run starts them fresh). */
export type RecordEvent = { type: "record"; step: "$record"; record: unknown; settled: string[] };

export type JournalEvent =
  | IntentEvent
  | TxSignedEvent
  | TxSentEvent
  | ReceiptEvent
  | VerifiedEvent
  | FailedEvent
  | VoidedEvent
  | RedeployEvent
  | RecordEvent;

export type JournalEventType = JournalEvent["type"];
