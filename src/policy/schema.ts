import { z } from "zod";
import { isoDate } from "../config/schema/common.js";
import { type policyPacks, severities, suppression } from "../config/schema/policy.js";

export const RULE_ID = /^W3O-(SEC|ISO|GDPR|NIST|GOV)-\d{3}$/;
export const frameworks = ["iso27001-2022", "nist-csf-2.0", "gdpr"] as const;
export type Framework = (typeof frameworks)[number];
export type Severity = (typeof severities)[number];
export type Pack = (typeof policyPacks)[number];

/** What a rule looks at: each selector turns the loaded repo (or the rendered manifests) into documents. */
export const selectors = [
  "nodes",
  "contracts",
  "accounts",
  "networks",
  "environments",
  "monitors",
  "history",
  "project",
  "suppressions",
  "containers",
  "manifests",
] as const;
export type Selector = (typeof selectors)[number];

const jmespathExpr = z.string().min(1).describe("A JMESPath expression evaluated against the selected document.");

/** One rule file: `policies/<pack>/<RULE-ID>.yaml`. */
const ruleBase = {
  id: z.string().regex(RULE_ID, "rule ids look like W3O-SEC-001"),
  title: z.string().min(10),
  severity: z.enum(severities),
  rationale: z.string().min(40, "explain the risk in a few sentences"),
  remediation: z.string().min(20, "say how to fix it"),
  controls: z
    .strictObject({
      "iso27001-2022": z.array(z.string().regex(/^A\.[5-8]\.\d{1,2}$/, "ISO/IEC 27001:2022 Annex A controls look like A.8.20")).optional(),
      "nist-csf-2.0": z.array(z.string().regex(/^[A-Z]{2}\.[A-Z]{2}-\d{2}$/, "NIST CSF 2.0 subcategories look like PR.AA-05")).optional(),
      gdpr: z.array(z.string().regex(/^Art\. \d+(\(\d+\))?(\([a-z]\))?$/, "GDPR articles look like Art. 5(1)(e) or Art. 32")).optional(),
    })
    .refine((c) => Object.values(c).some((v) => v && v.length > 0), "map the rule to at least one control"),
  tags: z.array(z.string()).default([]),
};
export const ruleFile = z.union([
  z.strictObject({
    ...ruleBase,
    select: z.enum(selectors),
    when: jmespathExpr.optional().describe("The rule applies only where this is truthy; elsewhere the result is skipped."),
    condition: jmespathExpr.describe("Truthy means compliant."),
    path: z
      .array(z.union([z.string(), z.number()]))
      .default([])
      .describe("Where to point a failure, relative to the resource."),
    message: z.string().describe("Failure message; {{expr}} is replaced by the JMESPath value of expr."),
  }),
  z.strictObject({
    ...ruleBase,
    plugin: z.string().describe("A code rule, registered in src/policy/plugins/index.ts."),
    options: z.record(z.string(), z.unknown()).default({}),
  }),
]);
export type RuleFile = z.infer<typeof ruleFile>;
export type Rule = RuleFile & { pack: Pack; file: string };
export type DeclarativeRule = Extract<Rule, { select: Selector }>;
export type PluginRule = Extract<Rule, { plugin: string }>;
export const isPluginRule = (r: Rule): r is PluginRule => "plugin" in r;

/** `policies/<pack>/fixtures/<RULE-ID>.yaml`: one input the rule must pass and one it must fail. */
const fixtureInput = z.strictObject({
  model: z.record(z.string(), z.unknown()).optional().describe("Merged over policies/fixtures/base.yaml to make w3o.yaml."),
  rendered: z.array(z.strictObject({ file: z.string(), objects: z.array(z.record(z.string(), z.unknown())) })).optional(),
  files: z
    .array(
      z.strictObject({
        path: z.string(),
        content: z.string().default(""),
        mode: z
          .string()
          .regex(/^[0-7]{3,4}$/)
          .optional(),
      }),
    )
    .optional(),
  diff: z.array(z.strictObject({ path: z.string(), added: z.string() })).optional(),
  now: isoDate.optional().describe("Evaluation date, for rules about suppression expiry."),
});
export const fixtureFile = z.strictObject({ good: fixtureInput, bad: fixtureInput });
export type FixtureInput = z.infer<typeof fixtureInput>;

/** `policies/frameworks/<framework>.yaml`: the controls in scope and the rules that evidence each. */
export const catalogFile = z.strictObject({
  framework: z.enum(frameworks),
  title: z.string(),
  version: z.string(),
  controls: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      rules: z.array(z.string().regex(RULE_ID)).default([]),
      manual: z.boolean().default(false).describe("No rule can check it: evidence is collected by people."),
      note: z.string().optional(),
    }),
  ),
});
export type Catalog = z.infer<typeof catalogFile>;

/** `.w3oignore.yaml` at the repo root: the same suppressions as w3o.yaml, kept apart from config. */
export const ignoreFile = z
  .strictObject({ suppressions: z.array(suppression).default([]) })
  .describe("Suppressions of w3o audit findings: rule id, resource, reason and expiry date.");

export const inlineSuppression = z.strictObject({ rule: suppression.shape.rule, reason: z.string().min(3), expires: isoDate.optional() });
