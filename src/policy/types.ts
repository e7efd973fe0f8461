import type { Location, Model } from "../config/model.js";
import type { Rule, Severity } from "./schema.js";

/** One rendered manifest file and the Kubernetes objects in it; `text` lets findings point at a line. */
export type RenderedFile = { file: string; objects: Record<string, unknown>[]; text?: string };
/** A repo file, read at the edge: content (text files only) and permission bits. */
export type RepoFile = { path: string; content?: string; mode?: number };
/** Lines added by the PR, per file, with their line numbers in the new version. */
export type DiffFile = { path: string; added: { line: number; text: string }[] };

/** A finding's position; `endLine` when the offending value spans lines. */
export type Where = Location & { endLine?: number };

export type PolicyInput = {
  model: Model;
  rendered?: RenderedFile[];
  files?: RepoFile[];
  diff?: DiffFile[];
  /** Suppressions from `.w3oignore.yaml`, already validated. */
  ignoreFile?: { file: string; suppressions: SuppressionEntry[] };
  /** Evaluation date: suppression expiry is relative to it. */
  now?: Date;
};

export type SuppressionEntry = { rule: string; resource: string; reason: string; expires?: string; line?: number };
export type Suppression = SuppressionEntry & {
  source: "w3o.yaml" | "ignore-file" | "inline";
  /** Where the suppression is written. */
  location: Location;
  /** Inline comments cover one line of one file. */
  covers?: { file: string; from: number; to: number };
};

export type Status = "pass" | "fail" | "skipped";

export type Result = {
  ruleId: string;
  status: Status;
  /** `nodes.eth-mainnet`, `contracts.Token`, a repo file path, `Deployment/eth-mainnet`… */
  resource: string;
  location: Where;
  message?: string;
  /** Logical place of the value inside the resource (never a line number), part of the fingerprint. */
  path?: string;
  fingerprint?: string;
  suppressedBy?: Suppression;
};

export type Finding = Result & {
  status: "fail";
  fingerprint: string;
  severity: Severity;
  title: string;
  /** How to fix it: the rule's remediation, carried by every finding so that every format can say it. */
  remediation: string;
};

export type Evaluation = {
  rules: Rule[];
  results: Result[];
  /** Failing results that no suppression covers. */
  findings: Finding[];
  /** Failing results a suppression covers, with its reason. */
  suppressed: Finding[];
  /** Suppressions that matched nothing (reported so they can be cleaned up). */
  unusedSuppressions: Suppression[];
};

/** What a plugin (a rule that needs code) reports: failures, and what it checked for passes. */
export type PluginOutput = {
  failures: { resource: string; location: Where; message: string; path: string }[];
  checked: { resource: string; location: Where }[];
};
