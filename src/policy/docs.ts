import { compareStrings } from "../util/compare.js";
import { UNSUPPRESSIBLE } from "./engine.js";
import { type Framework, frameworks, isPluginRule, type Rule } from "./schema.js";

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const cell = (s: string) => oneLine(s).replaceAll("|", "\\|");

/** What a rule checks, in words a reader of the rule file would recognise. */
function checks(rule: Rule): string {
  if (isPluginRule(rule)) return `Code rule \`${rule.plugin}\` (src/policy/plugins).`;
  const when = rule.when ? ` where \`${oneLine(rule.when)}\`` : "";
  return `Each of \`${rule.select}\`${when}: compliant when \`${oneLine(rule.condition)}\`.`;
}

function ruleSection(rule: Rule): string {
  const fws = frameworks.filter((f) => rule.controls[f]?.length);
  const controls = fws.map((f: Framework) => `${f}: ${(rule.controls[f] ?? []).join(", ")}`).join("; ");
  return [
    `### ${rule.id}: ${oneLine(rule.title)}`,
    "",
    "| | |",
    "|---|---|",
    `| Severity | ${rule.severity} |`,
    `| Pack | ${rule.pack} (\`policies/${rule.file}\`) |`,
    `| Frameworks | ${fws.join(", ") || "none"} |`,
    `| Controls | ${cell(controls || "none")} |`,
    `| Checks | ${cell(checks(rule))} |`,
    ...(UNSUPPRESSIBLE.has(rule.id) ? ["| Suppressible | no: a suppression cannot hide it |"] : []),
    "",
    `**Why.** ${oneLine(rule.rationale)}`,
    "",
    `**How to fix.** ${oneLine(rule.remediation)}`,
    "",
  ].join("\n");
}

const SUPPRESSIONS = `## Suppressions

A suppression hides one failing finding of one rule; it shows as suppressed in every report and in
\`w3o compliance report\`. Rules ${[...UNSUPPRESSIBLE].join(" and ")} (about suppressions themselves) cannot be suppressed.

### In \`w3o.yaml\` or \`.w3oignore.yaml\`

\`policies.suppressions\` in \`w3o.yaml\`, or \`suppressions\` in \`.w3oignore.yaml\` at the repo root (same entries,
kept apart from config):

\`\`\`yaml
suppressions:
  - rule: W3O-SEC-001
    resource: nodes.eth-archive
    reason: Behind the partner VPN until the migration completes.
    expires: 2027-01-31
\`\`\`

- \`resource\` is \`<section>.<name>\`, as printed in each finding: \`nodes.<node>\`, \`contracts.<contract>\`,
  \`accounts.<account>\`, \`networks.<network>\`, \`environments.<env>\`, \`monitors.<monitor>\`, \`project\`, \`data.history\`.
- Globs: \`*\` alone matches every resource; a pattern ending in \`*\` matches by prefix (\`nodes.*\`, \`nodes.eth-*\`).
  No other wildcard is understood: \`*\` in the middle is literal.
- \`expires\` (\`YYYY-MM-DD\`, optional): from the day after, the suppression no longer applies, the finding returns, and
  W3O-ISO-007 reports the expired entry.
- A suppression that matches nothing is listed as unused in the report.

### Inline

A comment in any scanned file (YAML \`#\`, or \`//\` in sources):

\`\`\`yaml
rpc: # w3o-ignore: W3O-SEC-001 expires=2027-01-31 public RPC of the faucet, rate-limited upstream
\`\`\`

- Format: \`w3o-ignore: <RULE-ID> [expires=YYYY-MM-DD] <reason>\`. It matches any resource, but only findings located
  in the same file and on the covered lines.
- At the end of a line it covers that line; on a line of its own it covers the next line and, when that line opens a
  YAML block (\`rpc:\` followed by indented lines), the whole block.
- \`policies.allowInlineSuppressions: false\` in \`w3o.yaml\` turns them off: each inline suppression then is a
  W3O-ISO-008 finding instead of hiding one.
`;

/** docs/policies.md: every rule, then how suppressions work. Written by \`npm run schema\`; a test keeps it fresh. */
export function generatePoliciesDoc(rules: readonly Rule[]): string {
  const sorted = [...rules].sort((a, b) => compareStrings(a.id, b.id));
  const index = sorted.map((r) => `| [${r.id}](#${r.id.toLowerCase()}-${anchor(r.title)}) | ${r.severity} | ${cell(r.title)} |`);
  return [
    "# Audit rules",
    "",
    "<!-- Generated from policies/*/W3O-*.yaml by `npm run schema`; do not edit by hand. -->",
    "",
    `${sorted.length} rules, read by \`w3o audit\` and \`w3o compliance report\`. Each finding names its rule id; see`,
    "[Suppressions](#suppressions) to accept a finding on purpose.",
    "",
    "| Rule | Severity | Title |",
    "|---|---|---|",
    ...index,
    "",
    "## Rules",
    "",
    ...sorted.map(ruleSection),
    SUPPRESSIONS,
  ].join("\n");
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function anchor(title: string): string {
  return oneLine(title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replaceAll(" ", "-");
}
