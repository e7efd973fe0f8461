import path from "node:path";
import { simpleGit } from "simple-git";
import { loadModel, loadRepo } from "../config/load.js";
import type { Model } from "../config/model.js";
import { BaseError } from "../errors/BaseError.js";
import { redact } from "../errors/redact.js";
import { planEnvironment } from "../plan/run.js";
import { runAudit } from "../policy/audit.js";
import { buildCompliance } from "../policy/compliance.js";
import { loadPolicies, type PolicySet } from "../policy/load.js";
import { buildReport } from "../policy/report.js";
import type { Severity } from "../policy/schema.js";
import { recommend } from "../recommend/evaluate.js";
import { loadDecisionTree } from "../recommend/tree.js";
import { withWorktree } from "../render/git.js";
import { render } from "../render/index.js";
import { diffRendered } from "../render/output.js";
import type { RenderedFile } from "../render/types.js";
import type { EnvironmentReport, PrReport } from "../report/types.js";
import { readableNetworks, touchedEnvironments } from "./scope.js";

type Vars = Record<string, string | undefined>;

export type ReviewOptions = {
  /** The infra repo (folder with w3o.yaml) inside a checkout of the PR's head. */
  dir: string;
  /** The base commit, present in that checkout's git repo (the Action fetches it when the clone is shallow). */
  base?: string;
  /** Paths changed by the PR, relative to the git root; decides which environments are planned. */
  changedFiles?: readonly string[];
  /** Environments to plan instead of those the PR touches. */
  environments?: readonly string[];
  /** Where RPC URLs and keys come from: the workflow's or the app's secrets, never the PR's files. */
  vars: Vars;
  /** The head is a fork's: no secret is used, networks needing one are reported as not read. */
  fork?: boolean;
  /** When to add the chain recommendation: when `useCase` changed (default), always or never. */
  recommend?: "changed" | "always" | "never";
  /** Overrides the repo's `policies.failOn`. */
  failOn?: Severity;
};

/** What the base commit contributes: its findings (so the head's can be marked new), its rendered output, its use case. */
type Base = { fingerprints: string[]; rendered: Map<string, RenderedFile[]>; useCase?: unknown } | undefined;

async function readBase(dir: string, base: string | undefined, envs: readonly string[], policies: PolicySet): Promise<Base> {
  if (!base) return undefined;
  const abs = path.resolve(dir);
  return withWorktree(abs, base, async (worktree, top) => {
    const baseDir = path.join(worktree, path.relative(top, abs));
    const model = await loadModel(baseDir).catch(() => undefined);
    if (!model) return { fingerprints: [], rendered: new Map() };
    const audit = await runAudit(baseDir, { model, policies }).catch(() => undefined);
    const rendered = new Map(envs.filter((e) => model.environments[e]).map((e) => [e, safeRender(model, e)] as const));
    return { fingerprints: audit?.evaluation.findings.map((f) => f.fingerprint) ?? [], rendered, useCase: model.useCase };
  }).catch(() => undefined);
}

function safeRender(model: Model, env: string): RenderedFile[] {
  try {
    return render(model, env);
  } catch {
    return [];
  }
}

/** The error as a reviewer needs it: the short message and its located lines (a compile error's file:line). */
function reason(e: unknown): string {
  if (!(e instanceof BaseError)) return e instanceof Error ? e.message : String(e);
  const text = [e.shortMessage, ...e.metaMessages.filter(Boolean)].join("\n");
  return text.length > 2_000 ? `${text.slice(0, 1_999)}…` : text;
}

async function planOne(model: Model, env: string, opts: ReviewOptions, secrets: string[]): Promise<EnvironmentReport> {
  const { model: readable, unread } = readableNetworks(model, env, opts.vars, { fork: opts.fork ?? false });
  // Nothing to read live: a plan of no networks would say "0 to create", which is not what the PR does.
  if (unread.length && !readable.environments[env]?.networks.length) return { name: env, unread };
  try {
    const run = await planEnvironment(readable, env, { vars: opts.vars });
    return { name: env, plan: run.plan, unread };
  } catch (e) {
    return { name: env, unread, error: redact(reason(e), secrets) };
  }
}

/**
 * One pull request's review, as every face runs it: validate, plan the environments the PR touches,
 * audit (findings marked new against the base), compliance, the recommendation when the use case changed,
 * and the rendered diff. Never throws for what it finds: each part that fails is reported in its place,
 * so one unreachable network or a broken base never empties the report.
 */
export async function reviewPullRequest(opts: ReviewOptions): Promise<PrReport> {
  const top = (
    await simpleGit(opts.dir)
      .revparse(["--show-toplevel"])
      .catch(() => opts.dir)
  ).trim();
  const root = path.relative(top, path.resolve(opts.dir)).split(path.sep).join("/");
  const headSha = (
    await simpleGit(opts.dir)
      .revparse(["HEAD"])
      .catch(() => "")
  ).trim();
  const baseSha = opts.base
    ? (
        await simpleGit(opts.dir)
          .revparse([opts.base])
          .catch(() => opts.base ?? "")
      ).trim()
    : undefined;
  const secrets = Object.values(opts.vars).filter((v): v is string => typeof v === "string" && v.length >= 12);
  const report: PrReport = { root, headSha, ...(baseSha ? { baseSha } : {}), diagnostics: [], environments: [] };

  const loaded = await loadRepo(opts.dir);
  report.diagnostics = loaded.diagnostics;
  const model = loaded.model;
  if (!model) return report;
  const envs = opts.environments ? [...opts.environments] : touchedEnvironments(model, root, opts.changedFiles);
  // Policies and the model are read once and shared by the head's and the base's audit.
  const policies = await loadPolicies();
  const [base, environments, audit] = await Promise.all([
    readBase(opts.dir, opts.base, envs, policies),
    // One after another: plans of several environments share the compiler and the same endpoints.
    (async () => {
      const out: EnvironmentReport[] = [];
      for (const env of envs) out.push(await planOne(model, env, opts, secrets));
      return out;
    })(),
    runAudit(opts.dir, { model, policies, ...(opts.base ? { base: opts.base } : {}) }),
  ]);
  const evaluation = audit.evaluation;
  const failOn = opts.failOn ?? model.policies?.failOn ?? "high";
  const useCaseChanged = JSON.stringify(base?.useCase) !== JSON.stringify(model.useCase);
  const wantRecommendation =
    model.useCase && (opts.recommend === "always" || ((opts.recommend ?? "changed") === "changed" && useCaseChanged));
  const renderDiff = envs.flatMap((env) => {
    const before = base?.rendered.get(env) ?? [];
    const patch = diffRendered(before, safeRender(model, env)).patch;
    return patch ? [{ target: env, diff: patch }] : [];
  });
  return {
    ...report,
    environments,
    audit: buildReport(evaluation, { failOn, ...(opts.base ? { base: opts.base } : {}) }),
    ...(base ? { baseFindings: base.fingerprints } : {}),
    compliance: buildCompliance(evaluation, audit.policies.catalogs, {
      generatedAt: new Date(),
      commit: headSha || null,
      project: model.project,
    }),
    ...(wantRecommendation && model.useCase ? { recommendation: recommend(await loadDecisionTree(), model.useCase) } : {}),
    ...(renderDiff.length ? { renderDiff } : {}),
  };
}

export { readableNetworks, touchedEnvironments } from "./scope.js";
