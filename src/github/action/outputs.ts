import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { redact } from "../../errors/redact.js";
import { formatConfigErrorsSarif, formatSarif } from "../../policy/formats/sarif.js";
import { summaryLine } from "../../report/plan.js";
import type { PrReport } from "../../report/types.js";

/** What the step hands to later steps of the job (action.yml `outputs:`). */
export type ActionOutputs = { "has-changes": boolean; "plan-summary": string; "sarif-file": string; "report-file": string };

/** Any step that would change a chain: what a later step gates a deploy or a label on. */
export function hasChanges(r: PrReport): boolean {
  return r.environments.some((e) => e.plan?.networks.some((n) => n.steps.some((s) => s.action !== "noop")));
}

/** One line per environment: its plan summary, or why it has none. */
export function planSummary(r: PrReport): string {
  if (!r.environments.length)
    return r.diagnostics.some((d) => d.severity === "error") ? "not planned: configuration errors" : "nothing to plan";
  return r.environments
    .map(
      (e) =>
        `${e.name}: ${e.plan ? summaryLine(e.plan.summary) : e.error ? `not planned (${e.error.split("\n")[0]})` : "not planned (no live state)"}`,
    )
    .join("\n");
}

/**
 * The SARIF log for code scanning (URIs relative to the git root, so a monorepo's folder prefixes them) and
 * the JSON report, written into `dir` (RUNNER_TEMP). A repo that does not load still gets a SARIF log of its
 * config errors, so the upload step shows each at its line.
 */
export async function writeReportFiles(
  dir: string,
  gitRoot: string,
  report: PrReport,
  json: string,
  secrets: readonly string[],
): Promise<{ sarif: string; report: string }> {
  await mkdir(dir, { recursive: true });
  const root = { prefix: report.root, uri: pathToFileURL(gitRoot).href.replace(/\/?$/, "/") };
  const sarif = report.audit ? formatSarif(report.audit, root) : formatConfigErrorsSarif(report.diagnostics, root);
  const files = { sarif: path.join(dir, "w3o.sarif"), report: path.join(dir, "w3o-report.json") };
  await writeFile(files.sarif, redact(sarif, secrets));
  await writeFile(files.report, json);
  return files;
}
