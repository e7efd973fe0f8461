import type { z } from "zod";
import type { Diagnostic } from "../config/diagnostics.js";
import type { Model } from "../config/model.js";

/**
 * A value in a workflow transaction: a scalar, a list, or the address of something not known while
 * planning — a contract of the repo, an account, or a contract an earlier transaction of the same
 * workflow deploys (`$tx`).
 */
export type WorkflowValue =
  | string
  | number
  | boolean
  | WorkflowValue[]
  | { $ref: `contracts.${string}` | `accounts.${string}` }
  | { $tx: string };

/** An address a call goes to, or a value that resolves to one. */
export type WorkflowTarget = { $ref: `contracts.${string}` } | { $tx: string } | { address: string };

/** What a transfer does to a balance, when the planner can tell: the plan shows it. */
export type BalanceEffect = { token: string; holder: WorkflowValue; delta: string };

/** One transaction of a workflow, in the order the planner wants them sent. */
export type WorkflowTx =
  | {
      id: string;
      kind: "deploy";
      /** The unit and contract compiled for it (one of the kind's `sources`). */
      source: string;
      contract: string;
      /** How the plan names what it deploys, e.g. "AcmeToken" or "vesting 0x70…79C8". */
      label: string;
      args: WorkflowValue[];
      /** Transactions of this workflow whose effect this one needs mined first. */
      after: string[];
      summary: string;
    }
  | {
      id: string;
      kind: "call";
      target: WorkflowTarget;
      /** What the plan calls the target, e.g. "AcmeToken". */
      targetLabel: string;
      /** Human-readable ABI signature, e.g. "function transfer(address to, uint256 value)". */
      signature: string;
      args: WorkflowValue[];
      after: string[];
      summary: string;
      effects?: BalanceEffect[];
    };

/** Solidity units a workflow compiles: those w3o writes (`generated`) and the contracts to compile from them or from packages. */
export type WorkflowSources = { generated: Record<string, string>; contracts: { source: string; contract: string }[] };

/** What a planner may read: the repo's model and the files a kind loads (CSV of allocations…). */
export type WorkflowInput<W> = { name: string; workflow: W; model: Model; files: Record<string, string> };

/** One kind of workflow: the registry entry, the contract between plan, apply and the registry guard test. */
export type WorkflowKind<S extends z.ZodType = z.ZodType> = {
  kind: string;
  schema: S;
  /** Repo files the kind reads (relative to the repo root), read by the caller and passed back in `files`. */
  files(workflow: z.infer<S>): string[];
  /** Problems in the files and values, each at a file:line:col with its fix; an empty list when none. */
  check(input: WorkflowInput<z.infer<S>>): Diagnostic[];
  sources(input: WorkflowInput<z.infer<S>>): WorkflowSources;
  /** The ordered transactions. Pure; called only when `check` found nothing. */
  plan(input: WorkflowInput<z.infer<S>>): WorkflowTx[];
};
