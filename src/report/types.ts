import type { Diagnostic } from "../config/diagnostics.js";
import type { Plan } from "../plan/types.js";
import type { ComplianceReport } from "../policy/compliance.js";
import type { AuditReport } from "../policy/report.js";
import type { Recommendation } from "../recommend/evaluate.js";

/** A network an environment names whose live state was not read, and why (no secret on a fork PR, unset, down). */
export type UnreadNetwork = { network: string; reason: string; fix?: string };

export type EnvironmentReport = {
  name: string;
  /** Absent when the environment could not be planned at all (see `error`). */
  plan?: Plan;
  unread: UnreadNetwork[];
  /** Why there is no plan: a short, redacted reason. */
  error?: string;
};

/** A pull request's lock on an environment, as the report shows it. */
export type PullLockView = { environment: string; pull: number; author: string; since: string };

/**
 * The PR locks of the environments this PR changes: those it holds, those another PR holds (its plan there
 * is blocked), and those it could not check because the lock store did not answer (blocked too: fail closed).
 */
export type ReportLocks = {
  held: PullLockView[];
  blocked: PullLockView[];
  unavailable?: { environments: string[]; reason: string };
};

/** Everything one PR run found: the one value every face renders (comment, check run, job summary, JSON). */
export type PrReport = {
  /** Infra repo folder relative to the git root ("" at the root): annotation paths are prefixed with it. */
  root: string;
  headSha: string;
  baseSha?: string;
  diagnostics: Diagnostic[];
  environments: EnvironmentReport[];
  audit?: AuditReport;
  /** Fingerprints of the findings the base commit already has: the others are new in this PR. */
  baseFindings?: readonly string[];
  compliance?: ComplianceReport;
  recommendation?: Recommendation;
  /** Unified diff of rendered output per target (kubernetes, prometheus, terraform…), base → head. */
  renderDiff?: { target: string; diff: string }[];
  /** PR locks, when the face keeps them (the app). */
  locks?: ReportLocks;
  /** Where the full text lives when a comment had to be shortened. */
  links?: { checkRun?: string; report?: string };
};

/** Why an environment's plan is blocked by a lock, or undefined when it is not. */
export function lockBlock(r: PrReport, env: string): { by?: PullLockView; unavailable?: string } | undefined {
  const by = r.locks?.blocked.find((l) => l.environment === env);
  if (by) return { by };
  if (r.locks?.unavailable?.environments.includes(env)) return { unavailable: r.locks.unavailable.reason };
  return undefined;
}

export type Verdict = { conclusion: "success" | "failure"; reasons: string[] };
