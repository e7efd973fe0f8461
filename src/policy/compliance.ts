import type { Catalog, Framework, Rule } from "./schema.js";
import type { Evaluation, Where } from "./types.js";

export type ControlStatus = "pass" | "fail" | "manual" | "not-applicable";

export type ControlReport = {
  id: string;
  title: string;
  status: ControlStatus;
  note?: string;
  evidence: {
    rule: string;
    title: string;
    passed: string[];
    failed: { resource: string; location: Where; message?: string }[];
    suppressed: { resource: string; reason: string; expires: string | null; source: string }[];
    notApplicable: boolean;
  }[];
};

export type ComplianceReport = {
  generatedAt: string;
  commit: string | null;
  project: string;
  frameworks: {
    framework: Framework;
    title: string;
    version: string;
    summary: Record<ControlStatus, number>;
    controls: ControlReport[];
  }[];
  suppressions: { rule: string; resource: string; reason: string; expires: string | null; source: string }[];
};

/**
 * Per framework, each control in scope with its status and the evidence behind it: the rules that
 * check it, the resources that passed or failed, and the suppressions accepted, with their reasons.
 */
export function buildCompliance(
  evaluation: Evaluation,
  catalogs: Record<Framework, Catalog>,
  meta: { generatedAt: Date; commit: string | null; project: string },
): ComplianceReport {
  const rules = new Map<string, Rule>(evaluation.rules.map((r) => [r.id, r]));
  const evidenceFor = (ruleId: string) => {
    const results = evaluation.results.filter((r) => r.ruleId === ruleId);
    return {
      rule: ruleId,
      title: rules.get(ruleId)?.title ?? `${ruleId} (pack not enabled)`,
      passed: results.filter((r) => r.status === "pass").map((r) => r.resource),
      failed: results
        .filter((r) => r.status === "fail" && !r.suppressedBy)
        .map((r) => ({ resource: r.resource, location: r.location, message: r.message })),
      suppressed: results
        .filter((r) => r.status === "fail" && r.suppressedBy)
        .map((r) => ({
          resource: r.resource,
          reason: r.suppressedBy?.reason ?? "",
          expires: r.suppressedBy?.expires ?? null,
          source: r.suppressedBy?.source ?? "",
        })),
      notApplicable: results.every((r) => r.status === "skipped"),
    };
  };
  const frameworks = (Object.keys(catalogs) as Framework[]).map((fw) => {
    const catalog = catalogs[fw];
    const controls: ControlReport[] = catalog.controls.map((c) => {
      if (c.manual) return { id: c.id, title: c.title, status: "manual", note: c.note, evidence: [] };
      const evidence = c.rules.map(evidenceFor);
      const status: ControlStatus = evidence.some((e) => e.failed.length)
        ? "fail"
        : evidence.some((e) => e.passed.length || e.suppressed.length)
          ? "pass"
          : "not-applicable";
      return { id: c.id, title: c.title, status, evidence };
    });
    const summary = { pass: 0, fail: 0, manual: 0, "not-applicable": 0 };
    for (const c of controls) summary[c.status]++;
    return { framework: fw, title: catalog.title, version: catalog.version, summary, controls };
  });
  return {
    generatedAt: meta.generatedAt.toISOString(),
    commit: meta.commit,
    project: meta.project,
    frameworks,
    suppressions: evaluation.suppressed.map((f) => ({
      rule: f.ruleId,
      resource: f.resource,
      reason: f.suppressedBy?.reason ?? "",
      expires: f.suppressedBy?.expires ?? null,
      source: f.suppressedBy?.source ?? "",
    })),
  };
}

const cell = (s: string | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
const MARK: Record<ControlStatus, string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  manual: "📝 manual",
  "not-applicable": "➖ not applicable",
};

export function complianceMarkdown(report: ComplianceReport): string {
  const out = [
    `# Compliance report — ${report.project}`,
    "",
    `- Commit: \`${report.commit ?? "not a git repository"}\``,
    `- Generated: ${report.generatedAt}`,
    `- Suppressions in force: ${report.suppressions.length}`,
  ];
  for (const fw of report.frameworks) {
    const s = fw.summary;
    out.push(
      "",
      `## ${fw.title} (${fw.version})`,
      "",
      `${s.pass} pass · ${s.fail} fail · ${s.manual} manual · ${s["not-applicable"]} not applicable`,
      "",
    );
    out.push("| Control | Title | Status | Evidence |", "| --- | --- | --- | --- |");
    for (const c of fw.controls) {
      const evidence =
        c.status === "manual"
          ? cell(c.note)
          : c.evidence
              .map((e) => {
                const parts = [`${e.rule}: ${e.passed.length} passed`];
                if (e.failed.length)
                  parts.push(`failed ${e.failed.map((f) => `${f.resource} (${f.location.file}:${f.location.line})`).join(", ")}`);
                if (e.suppressed.length) parts.push(`suppressed ${e.suppressed.map((x) => `${x.resource}: ${x.reason}`).join("; ")}`);
                if (e.notApplicable) parts.push("not applicable");
                return cell(parts.join(", "));
              })
              .join("<br>");
      out.push(`| ${c.id} | ${cell(c.title)} | ${MARK[c.status]} | ${evidence} |`);
    }
  }
  out.push("", "## Suppressions", "");
  if (report.suppressions.length) {
    out.push("| Rule | Resource | Reason | Expires | Source |", "| --- | --- | --- | --- | --- |");
    for (const x of report.suppressions)
      out.push(`| ${x.rule} | ${cell(x.resource)} | ${cell(x.reason)} | ${x.expires ?? "—"} | ${x.source} |`);
  } else out.push("None.");
  return `${out.join("\n")}\n`;
}
