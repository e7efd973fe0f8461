import type { Diagnostic } from "../../config/diagnostics.js";
import { redact } from "../../errors/index.js";
import { type AuditReport, TOOL } from "../report.js";
import type { Rule, Severity } from "../schema.js";
import type { Finding } from "../types.js";

/** GitHub code scanning reads `level`, and `security-severity` (0–10) to rank security alerts. */
const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };

/**
 * Where the SARIF URIs are rooted: GitHub resolves them against the repository root, so an infra repo
 * in a folder of a monorepo prefixes each file with that folder. `uri` is the root as a file URL (ends in /).
 */
export type SarifRoot = { prefix: string; uri: string };

const artifact = (file: string, root?: SarifRoot) => ({
  uri: encodeURI(root?.prefix ? `${root.prefix}/${file}` : file),
  uriBaseId: "%SRCROOT%",
});

function sarifLog(root: SarifRoot | undefined, run: Record<string, unknown>): string {
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ ...(root ? { originalUriBaseIds: { "%SRCROOT%": { uri: root.uri } } } : {}), ...run }],
  };
  return `${redact(JSON.stringify(log, null, 2))}\n`;
}

const driver = (rules: unknown[]) => ({
  name: TOOL.name,
  version: TOOL.version,
  semanticVersion: TOOL.version,
  informationUri: TOOL.informationUri,
  rules,
});

/**
 * A repo that does not load still gets a SARIF log, so CI uploads it and each config error shows at its line:
 * one result per diagnostic, its code as the rule (`config/<code>`), its hint as the fix.
 */
export function formatConfigErrorsSarif(diagnostics: readonly Diagnostic[], root?: SarifRoot): string {
  const codes = [...new Set(diagnostics.map((d) => d.code))];
  return sarifLog(root, {
    tool: {
      driver: driver(codes.map((c) => ({ id: `config/${c}`, name: c, shortDescription: { text: `w3o configuration problem: ${c}` } }))),
    },
    automationDetails: { id: "w3o/audit/config/" },
    results: diagnostics.map((d) => ({
      ruleId: `config/${d.code}`,
      ruleIndex: codes.indexOf(d.code),
      level: d.severity === "error" ? "error" : "warning",
      message: { text: d.hint ? `${d.message}\nFix: ${d.hint}` : d.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(d.file, root), region: { startLine: d.line, startColumn: d.col } } }],
    })),
    properties: { configErrors: diagnostics.filter((d) => d.severity === "error").length },
  });
}

/** SARIF 2.1.0, as GitHub code scanning accepts it: relative URIs under %SRCROOT%, regions, fingerprints, suppressions. */
export function formatSarif(report: AuditReport, root?: SarifRoot): string {
  const rules = report.evaluation.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const result = (f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: `${f.message ?? f.title}\nFix: ${f.remediation}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(f.location.file, root),
          region: { startLine: f.location.line, startColumn: f.location.col, endLine: f.location.endLine ?? f.location.line },
        },
        logicalLocations: [{ fullyQualifiedName: f.resource, kind: "resource" }],
      },
    ],
    partialFingerprints: { "w3oFingerprint/v1": f.fingerprint },
    properties: { severity: f.severity, resource: f.resource },
    ...(f.suppressedBy
      ? {
          suppressions: [
            {
              kind: f.suppressedBy.source === "inline" ? "inSource" : "external",
              status: "accepted",
              justification: `${f.suppressedBy.reason}${f.suppressedBy.expires ? ` (expires ${f.suppressedBy.expires})` : ""}`,
            },
          ],
        }
      : {}),
  });
  return sarifLog(root, {
    tool: { driver: driver(rules.map(ruleDescriptor)) },
    automationDetails: { id: `w3o/audit/${report.base ? "diff" : "repo"}/` },
    results: [...report.evaluation.findings, ...report.evaluation.suppressed].map(result),
    properties: { failOn: report.failOn, suppressed: report.counts.suppressed, findings: report.evaluation.findings.length },
  });
}

function ruleDescriptor(r: Rule) {
  const frameworks = Object.entries(r.controls).flatMap(([fw, ids]) => (ids ?? []).map((id) => `${fw}:${id}`));
  return {
    id: r.id,
    name: r.id.replace(/-/g, ""),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: {
      text: `${r.remediation}\n\nControls: ${frameworks.join(", ")}`,
      markdown: `**Why:** ${r.rationale}\n\n**Fix:** ${r.remediation}\n\n**Controls:** ${frameworks.map((f) => `\`${f}\``).join(", ")}`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: [...new Set(["security", r.pack, ...r.tags, ...frameworks])],
      precision: "high",
      "security-severity": SECURITY_SEVERITY[r.severity],
      severity: r.severity,
    },
  };
}
