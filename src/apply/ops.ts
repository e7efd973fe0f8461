import type { InterfaceAbi } from "ethers";
import type { StepKind } from "./events.js";

/** What an op sends, once the addresses it needs are known. */
export type BuiltTx = {
  /** Unset for CREATE; the CREATE2 factory or the target contract otherwise. */
  to?: string;
  data: string;
  /** For CREATE2: the address the factory will create. CREATE addresses come from sender + nonce. */
  address?: string;
  /**
   * What the tx does, in parts that reconcile names when they differ from a previous run:
   * e.g. { code, args, sender } for a deploy, { target, call, sender } for a call.
   */
  parts: Record<string, string>;
  /** A deploy's ABI-encoded constructor arguments, for the deployment record. */
  encodedArgs?: string;
};

/**
 * One transaction of an apply: a deploy (CREATE or through the CREATE2 factory) or a call.
 * Ops are the unit of the journal: `id` is the journal's step key.
 */
export type Op = {
  id: string;
  /** Contract resource this op belongs to: `--redeploy <contract>` redoes all of its ops. */
  contract: string;
  kind: StepKind;
  from: string;
  summary: string;
  /** Ops whose address this op's data contains: a predicted address is enough (same sender, nonce order). */
  needs: string[];
  /** Ops that must be mined first because this op's outcome depends on their effect, not just their address. */
  after: string[];
  /** Reads no address but those of `needs`: the same needs' addresses always build the same tx. */
  build(addressOf: (opId: string) => string): BuiltTx;
  /** Checked right before a fresh send: a reason to skip (e.g. "already owned by 0x…"), or undefined to send. */
  skipIf?: (addressOf: (opId: string) => string) => Promise<string | undefined>;
  /** Runtime code a deploy leaves (immutables zeroed): lets dependents be estimated before it is mined. */
  runtimeCode?: string;
  /** ABIs whose custom errors a revert of this op may carry. */
  abis: InterfaceAbi[];
};

/** How an op ended, for verification, records and reports. */
export type OpResult = {
  id: string;
  status: "done" | "skipped" | "failed" | "blocked";
  address?: string;
  txHash?: string;
  blockNumber?: number;
  nonce?: number;
  message?: string;
  /** True when the op was already done by an earlier run (resumed from the journal). */
  resumed?: boolean;
  /** A deploy's ABI-encoded constructor arguments (absent when resumed: the record encodes them again). */
  encodedArgs?: string;
};

/**
 * An op whose build is computed once per set of dependency addresses. The executor builds an op
 * several times (predicted, then with real nonces; on resume, to reconcile) and ABI-encoding a
 * constructor call and hashing creation code cost far more than a map lookup.
 */
export function memoizeBuild(op: Op): Op {
  const built = new Map<string, BuiltTx>();
  return {
    ...op,
    build: (addressOf) => {
      const key = op.needs.map(addressOf).join();
      let tx = built.get(key);
      if (!tx) {
        tx = op.build(addressOf);
        built.set(key, tx);
      }
      return tx;
    },
  };
}
