import { severities } from "../../config/schema/policy.js";
import { where } from "../../policy/report.js";
import { cell, code, plural } from "../markdown.js";
import { BRIEF_ITEMS, type Section } from "../section.js";
import { isNew } from "../verdict.js";

const ICON = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" } as const;

/** Findings by severity, each marked new in this PR or already on the base branch, with how to fix it. */
export const auditSection: Section = {
  id: "audit",
  foldOrder: 3,
  render(r, detail, ctx) {
    const a = r.audit;
    if (!a) return [];
    const findings = [...a.evaluation.findings].sort((x, y) => severities.indexOf(x.severity) - severities.indexOf(y.severity));
    const fresh = findings.filter((f) => isNew(r, f.fingerprint)).length;
    const counts = severities.filter((s) => a.counts.findings[s]).map((s) => `${ICON[s]} ${a.counts.findings[s]} ${s}`);
    const out = [
      `### Audit: ${findings.length ? `${plural(findings.length, "finding")}, ${fresh} new in this PR` : "no findings"}`,
      "",
      `${counts.join(" · ") || "✅ every rule passed"} · ${plural(a.counts.suppressed, "suppression")} · fails at \`${a.failOn}\``,
    ];
    // compact keeps what blocks or is new; brief keeps what blocks, up to BRIEF_ITEMS.
    const blocks = new Set(a.blocking.map((f) => f.fingerprint));
    const shown = findings.filter((f) =>
      detail === "full" ? true : detail === "compact" ? blocks.has(f.fingerprint) || isNew(r, f.fingerprint) : blocks.has(f.fingerprint),
    );
    const rows = (detail === "brief" ? shown.slice(0, BRIEF_ITEMS) : shown).map(
      (f) =>
        `| ${ICON[f.severity]} ${f.severity} | ${isNew(r, f.fingerprint) ? "new" : "base"} | \`${f.ruleId}\` | \`${cell(where(f))}\` | ${cell(f.message ?? f.title)} | ${cell(f.remediation)} |`,
    );
    if (rows.length) out.push("", "| Severity | | Rule | Where | Finding | How to fix |", "| --- | --- | --- | --- | --- | --- |", ...rows);
    if (shown.length < findings.length || rows.length < shown.length)
      out.push("", `${findings.length - rows.length} more in the check run annotations.`);
    out.push("", `${code(ctx.commands.audit)} lists them locally; a suppression needs a reason in \`.w3oignore.yaml\`.`);
    return out;
  },
};
