import jmespath from "jmespath";
import { policyPacks } from "../config/schema/policy.js";
import { compareStrings } from "../util/compare.js";
import { fingerprint } from "./fingerprint.js";
import { plugins } from "./plugins/index.js";
import { type DeclarativeRule, isPluginRule, type PluginRule, type Rule } from "./schema.js";
import { select } from "./select.js";
import { collectSuppressions, suppressionFor } from "./suppressions.js";
import type { Evaluation, Finding, PolicyInput, Result, Suppression } from "./types.js";

/** Rules about suppressions themselves: a suppression cannot hide them. */
export const UNSUPPRESSIBLE = new Set(["W3O-ISO-007", "W3O-ISO-008"]);

/**
 * Evaluates every rule of the enabled packs against the repo, and, when given, the rendered
 * manifests, repo files and PR diff. Pure: all I/O happens before (see inputs.ts).
 */
export async function evaluate(input: PolicyInput, rules: readonly Rule[]): Promise<Evaluation> {
  const now = input.now ?? new Date();
  const packs = new Set(input.model.policies?.packs ?? policyPacks);
  const allowInline = input.model.policies?.allowInlineSuppressions ?? true;
  const suppressions = collectSuppressions(input.model, input.files, input.ignoreFile);
  const enabled = rules.filter((r) => packs.has(r.pack));

  const results: Result[] = [];
  for (const rule of enabled) {
    const raw = isPluginRule(rule) ? await runPlugin(rule, input, suppressions) : runDeclarative(rule, input, suppressions);
    results.push(...raw);
  }

  const byId = new Map(enabled.map((r) => [r.id, r]));
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const used = new Set<Suppression>();
  for (const r of results) {
    if (r.status !== "fail") continue;
    const rule = byId.get(r.ruleId) as Rule;
    const by = UNSUPPRESSIBLE.has(r.ruleId) ? undefined : suppressionFor(r, suppressions, { now, allowInline });
    const finding: Finding = {
      ...r,
      status: "fail",
      fingerprint: r.fingerprint ?? "",
      severity: rule.severity,
      title: rule.title,
      remediation: rule.remediation,
    };
    if (by) {
      used.add(by);
      r.suppressedBy = by;
      suppressed.push({ ...finding, suppressedBy: by });
    } else findings.push(finding);
  }
  const order = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  const sort = (a: Finding, b: Finding) =>
    order[a.severity] - order[b.severity] ||
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    compareStrings(a.ruleId, b.ruleId);
  return {
    rules: enabled,
    results,
    findings: findings.sort(sort),
    suppressed: suppressed.sort(sort),
    // Expired ones are findings of their own (W3O-ISO-007), forbidden inline ones too (W3O-ISO-008).
    unusedSuppressions: suppressions.filter(
      (s) => !used.has(s) && (s.source !== "inline" || allowInline) && !(s.expires && s.expires < now.toISOString().slice(0, 10)),
    ),
  };
}

function runDeclarative(rule: DeclarativeRule, input: PolicyInput, suppressions: Suppression[]): Result[] {
  return select(rule.select, input, suppressions).map((item) => {
    const applies = rule.when ? truthy(search(item.doc, rule.when, rule)) : true;
    const base = { ruleId: rule.id, resource: item.resource, location: item.locate(rule.path), path: rule.path.join(".") };
    if (!applies) return { ...base, status: "skipped" as const };
    if (truthy(search(item.doc, rule.condition, rule))) return { ...base, status: "pass" as const };
    return {
      ...base,
      status: "fail" as const,
      message: render(rule.message, item.doc, rule),
      fingerprint: fingerprint(rule.id, item.resource, base.path),
    };
  });
}

async function runPlugin(rule: PluginRule, input: PolicyInput, suppressions: Suppression[]): Promise<Result[]> {
  const plugin = plugins[rule.plugin as keyof typeof plugins];
  if (!plugin) throw new Error(`${rule.file}: unknown plugin "${rule.plugin}" (registered: ${Object.keys(plugins).join(", ")})`);
  const missing = (plugin.needs === "files" && !input.files) || (plugin.needs === "diff" && !input.diff);
  if (missing) {
    // Not evaluated (no --base, or no files handed over): say so, rather than report a pass.
    return [
      { ruleId: rule.id, status: "skipped", resource: `(${plugin.needs} not provided)`, location: { file: "w3o.yaml", line: 1, col: 1 } },
    ];
  }
  const out = await plugin.run(input, rule.options, { suppressions });
  const failed = new Set(out.failures.map((f) => f.resource));
  return [
    ...out.failures.map((f) => ({ ruleId: rule.id, status: "fail" as const, ...f, fingerprint: fingerprint(rule.id, f.resource, f.path) })),
    ...out.checked.filter((c) => !failed.has(c.resource)).map((c) => ({ ruleId: rule.id, status: "pass" as const, ...c })),
  ];
}

function search(doc: unknown, expr: string, rule: Rule): unknown {
  try {
    return jmespath.search(doc as never, expr);
  } catch (e) {
    throw new Error(`${rule.file}: JMESPath expression "${expr}" failed: ${(e as Error).message}`);
  }
}

/** JMESPath's own notion of false: false, null, "", [] and {}. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

function render(template: string, doc: unknown, rule: Rule): string {
  return template.replace(/\{\{(.+?)\}\}/g, (_, expr: string) => {
    const v = search(doc, expr.trim(), rule);
    return Array.isArray(v) ? v.join(", ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? "");
  });
}
