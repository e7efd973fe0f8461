import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../src/policy/audit.js";
import { formats } from "../../src/policy/formats/index.js";
import { formatNames } from "../../src/policy/formats/names.js";
import { type AuditReport, buildReport } from "../../src/policy/report.js";
import { plantedCopy } from "./planted.js";

let dir: string;
let report: AuditReport;
beforeAll(async () => {
  dir = await plantedCopy();
  const { evaluation } = await runAudit(dir, {});
  report = buildReport(evaluation, { failOn: "high" });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("every finding says how to fix it", () => {
  it("in every format, each finding carries its rule's remediation", () => {
    const findings = report.evaluation.findings;
    expect(findings.length).toBeGreaterThan(5);
    const byId = new Map(report.evaluation.rules.map((r) => [r.id, r.remediation]));
    for (const f of findings) expect(f.remediation).toBe(byId.get(f.ruleId));
    for (const name of formatNames) {
      const text = formats[name](report);
      // JSON-escaped for the JSON formats, as is for text and markdown (with | escaped in tables).
      for (const f of findings) {
        const fix = f.remediation;
        const shown = [fix, JSON.stringify(fix).slice(1, -1), fix.replace(/\|/g, "\\|").replace(/\n/g, " ")];
        expect(
          shown.some((s) => text.includes(s)),
          `${name}: ${f.ruleId}`,
        ).toBe(true);
      }
    }
    const json = JSON.parse(formats.json(report)) as { findings: { ruleId: string; remediation: string }[] };
    for (const f of json.findings) expect(f.remediation).toBe(byId.get(f.ruleId));
    const sarif = JSON.parse(formats.sarif(report)) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    for (const r of sarif.runs[0]!.results) expect(r.message.text).toContain(`Fix: ${byId.get(r.ruleId)}`);
  });
});
