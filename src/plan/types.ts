/**
 * The Plan: what apply executes. A pure function of (model, env, records, snapshots, artifacts),
 * serializable as JSON, carrying the hash of its inputs so apply refuses a stale plan.
 * This file is the contract between plan (issue-4-plan) and apply (issue-4-apply).
 */

import type { Drift, NetworkSnapshot } from "../chains/evm/types.js";
import type { CompileDiagnostic } from "../compile/errors.js";
import type { Address, CompiledRepo, CompilerSettings, Hex } from "../compile/types.js";
import type { Model } from "../config/model.js";
import type { Interrupted, UnrecordedOp } from "../state/interrupted.js";
import type { DeploymentRecord } from "../state/record.js";
import type { PlannedWorkflow } from "../workflows/plan.js";

// ───────────────────────── chain snapshot (input) ─────────────────────────
// Read by chains/evm/snapshot.ts, which owns these types.
export type { Drift, LiveContract, NetworkSnapshot, SnapshotTarget } from "../chains/evm/types.js";
export type { Address, Hex };

// ───────────────────────── plan inputs ─────────────────────────

/** What plan needs from the environment it runs in, resolved at the edge (no I/O in plan). */
export type PlanEnv = {
  /** Environment name (w3o.yaml `environments`). */
  name: string;
  /**
   * Account name → address, for accounts whose address is known without a secret: `address:`,
   * `{ devnet: N }` signers, or a signer whose key the CLI could read. Missing accounts stay references
   * (`{ $ref: "accounts.X" }`) that apply resolves.
   */
  accounts: Record<string, Address>;
  /**
   * Addresses apply can sign with in this environment (accounts with a signer). Absent when some
   * signer's address cannot be known before apply unlocks it (a keystore): plan then marks no step
   * as needing an owner, since it cannot tell.
   */
  signers?: Address[];
  /**
   * Account name → the address its transactions come from: the signer's where the account has one (absent
   * until apply unlocks a keystore), else its fixed `address`. A fixed address never decides who deploys
   * (docs/accounts-and-expect.md). Defaults to `accounts`.
   */
  deployers?: Record<string, Address>;
};

export type PlanInputs = {
  model: Model;
  env: PlanEnv;
  /** Deployment record per network (undefined: nothing recorded yet). */
  records: Record<string, DeploymentRecord | undefined>;
  /** Chain snapshot per network of the environment. */
  snapshots: Record<string, NetworkSnapshot>;
  artifacts: CompiledRepo;
};

// ───────────────────────── the plan (output) ─────────────────────────

/**
 * A constructor/initializer argument after references were resolved. A reference to a contract that
 * is not deployed yet stays `{ $ref: "contracts.X" }` (a dependency edge, resolved at apply time);
 * likewise an account whose address plan could not know.
 */
export type ResolvedArg = string | number | boolean | ResolvedArg[] | { $ref: `contracts.${string}` | `accounts.${string}` };

/** An address that may still be a reference (owner, admin, role members). */
export type AddressOrRef = Address | { $ref: `contracts.${string}` | `accounts.${string}` };

export type StepAction = "create" | "update" | "noop" | "drift" | "replace" | "remove";

export type DeployKind = "plain" | "create2" | "uups" | "transparent";

/** One change an `update` step makes. */
export type UpdateChange =
  | {
      kind: "upgrade";
      /** The live implementation being replaced. */
      fromImplementation: Address;
      fromCodeHash: Hex;
      toCodeHash: Hex;
      /** Storage layout check against the recorded one: "compatible", "incompatible" (apply must refuse) or "unknown" (no layout recorded). */
      storageLayout: "compatible" | "incompatible" | "unknown";
      /** upgrades-core's report when incompatible, in words. */
      storageLayoutReport?: string;
    }
  | { kind: "transfer-ownership"; from: Address | null; to: AddressOrRef }
  /** Transparent proxies: transfer ownership of the ProxyAdmin (the `admin:` declared). */
  | { kind: "transfer-proxy-admin"; proxyAdmin: Address; from: Address | null; to: AddressOrRef }
  | { kind: "grant-role"; role: string; roleId: Hex; account: AddressOrRef }
  | { kind: "revoke-role"; role: string; roleId: Hex; account: Address };

/** An owner a step's change must be sent by, which is not a signer of the environment. */
export type NeedsOwner = {
  address: Address;
  /** What that owner must do, e.g. "upgrade Vault (the proxy's owner calls upgradeToAndCall)". */
  reason: string;
};

export type PlanStep = {
  /** `${network}/${contract}`: unique within a plan; journal key for apply. */
  id: string;
  network: string;
  chainId: number;
  /** Contract resource name. */
  contract: string;
  /**
   * create: not recorded → deploy (and proxy + initializer, ownership, roles).
   * update: recorded and live as recorded, but the repo wants changes (see `changes`).
   * noop: repo = record = chain.
   * drift: the chain differs from the record (see `drift`); apply does not act on it.
   * replace: a non-proxy whose code or constructor args changed: only a new deployment (new address)
   *   can apply it; apply does it only when asked explicitly for this step (it changes the address).
   * remove: recorded but no longer declared on this network; apply drops it from the record (nothing on chain).
   */
  action: StepAction;
  /** Why, in words, one sentence each; what a reviewer reads. */
  reasons: string[];
  kind: DeployKind;
  source: string;
  /** Contract name inside the source (artifact name). */
  contractName: string;
  /** Deployer account name, and its address when known. */
  deployer: { account: string; address?: Address };
  args: ResolvedArg[];
  initializer?: { function: string; args: ResolvedArg[] };
  salt?: string;
  /** CREATE2 address (the proxy's for a proxy), when salt is set and every input is resolved. */
  expectedAddress?: Address;
  /** Expected implementation address (CREATE2 with the same salt) for salted proxies. */
  expectedImplementation?: Address;
  /** Step ids (same network) that must be applied first: unresolved `${contracts.X}` in args/initializer/owner/roles. */
  dependsOn: string[];
  /** Stripped runtime code hash of the compiled contract (the implementation for proxies). */
  codeHash: Hex;
  owner?: AddressOrRef;
  admin?: AddressOrRef;
  roles?: { role: string; roleId: Hex; accounts: AddressOrRef[] }[];
  /** Present for update. */
  changes?: UpdateChange[];
  /** Present for drift. */
  drift?: Drift[];
  /**
   * Why apply cannot do this step (plan/problems.ts): code over the network's size limit, an
   * implementation unsafe behind a proxy, an incompatible storage layout. Apply refuses the whole
   * environment while a step it would run has one.
   */
  problems?: string[];
  /**
   * Changes only someone w3o cannot sign for may make (plan/owners.ts): the on-chain owner (or
   * ProxyAdmin owner) that must send them is not a signer of this environment, e.g. a multisig or a
   * timelock. Apply refuses the whole environment while a step has one, before anything is sent.
   */
  needsOwner?: NeedsOwner[];
  /** The record entry's key facts, when recorded. */
  recorded?: { address: Address; codeHash: Hex; implementation?: Address; implementationCodeHash?: Hex };
  /**
   * Transactions an interrupted apply sent for this step that no record covers (plan/interrupted.ts):
   * the step is not a fresh one, the next apply resumes those transactions.
   */
  interrupted?: UnrecordedOp[];
};

/** A deployment record from another chain history than the endpoint's (plan/foreign.ts). */
export type ForeignRecord = {
  /** In words, for the plan and apply's refusal. */
  reason: string;
  /** Absent for a record written before w3o kept the genesis hash. */
  recordedGenesis?: Hex;
  liveGenesis: Hex | null;
  /** The one command that deploys the network's contracts anew on this chain. */
  command: string;
};

export type PlanSummary = {
  create: number;
  /** update steps containing an upgrade. */
  upgrade: number;
  /** update steps without an upgrade (ownership, roles). */
  update: number;
  replace: number;
  remove: number;
  noop: number;
  drift: number;
  /** Steps with problems: apply refuses until they are fixed. */
  blocked: number;
  /** Steps whose changes need an owner that is not a signer of the environment: apply refuses them. */
  needsOwner?: number;
  /** Steps an interrupted apply sent and did not record: counted here, not under their action. */
  interrupted?: number;
};

export type Plan = {
  version: 1;
  project: string;
  environment: string;
  compiler: CompilerSettings;
  /** sha256 (0x…) over model contracts/networks/accounts for this environment, compiled code, records and snapshots. */
  inputsHash: Hex;
  networks: {
    name: string;
    chainId: number;
    blockNumber: number;
    /** Hash of the chain's genesis block, as the snapshot read it (what apply records). */
    genesisHash?: Hex | null;
    /** Set when the record is of another history of the chain: its contracts are planned anew, as replace steps. */
    foreignRecord?: ForeignRecord;
    steps: PlanStep[];
  }[];
  summary: PlanSummary;
  /** solc's warnings about the repo's own sources, when there are any: worth a reviewer's look before a deploy. */
  compilerWarnings?: CompileDiagnostic[];
  /** The transactions each workflow of the environment sends, in order, and those already sent (src/workflows). */
  workflows?: PlannedWorkflow[];
  /** What an apply that did not finish left in the journal and the lock (read by the CLI, not by plan). */
  interrupted?: Interrupted;
};

/**
 * `plan(model, env, records, snapshots, artifacts)` in plan/index.ts (pure). `planInputsHash(inputs)`
 * there computes `Plan.inputsHash`; apply recomputes it from fresh inputs and refuses when it differs.
 */
export type PlanFn = (
  model: PlanInputs["model"],
  env: PlanInputs["env"],
  records: PlanInputs["records"],
  snapshots: PlanInputs["snapshots"],
  artifacts: PlanInputs["artifacts"],
) => Plan;
