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

/** SARIF 2.1.0, as GitHub code scanning accepts it: relative URIs under %SRCROOT%, regions, fingerprints, suppressions. */
export function formatSarif(report: AuditReport): string {
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
          artifactLocation: { uri: encodeURI(f.location.file), uriBaseId: "%SRCROOT%" },
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
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.informationUri,
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `w3o/audit/${report.base ? "diff" : "repo"}/` },
        results: [...report.evaluation.findings, ...report.evaluation.suppressed].map(result),
        properties: { failOn: report.failOn, suppressed: report.counts.suppressed, findings: report.evaluation.findings.length },
      },
    ],
  };
  return `${redact(JSON.stringify(log, null, 2))}\n`;
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
