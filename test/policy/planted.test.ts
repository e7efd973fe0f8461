import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../src/policy/audit.js";
import { buildCompliance, complianceMarkdown } from "../../src/policy/compliance.js";
import { formats } from "../../src/policy/formats/index.js";
import { loadPolicies } from "../../src/policy/load.js";
import { buildReport } from "../../src/policy/report.js";
import type { Evaluation } from "../../src/policy/types.js";
import { PLANTED_SECRETS, plantedCopy } from "./planted.js";

const NOW = new Date();

let dir: string;
let evaluation: Evaluation;
beforeAll(async () => {
  dir = await plantedCopy();
  ({ evaluation } = await runAudit(dir, { now: NOW }));
});

describe("planted repo", () => {
  it("yields exactly the planted findings, no more, no fewer", () => {
    const got = evaluation.findings.map((f) => `${f.ruleId} ${f.resource}`).sort();
    expect(got).toEqual(
      [
        "W3O-SEC-001 nodes.eth-public",
        "W3O-SEC-001 nodes.avax-public",
        "W3O-SEC-001 nodes.dot-public",
        "W3O-SEC-001 nodes.sol-public",
        "W3O-SEC-002 nodes.eth-public",
        "W3O-SEC-003 StatefulSet/eth-public/geth",
        "W3O-SEC-004 scripts/deploy.env",
        "W3O-SEC-004 scripts/deploy.env",
        "W3O-SEC-004 scripts/deploy.env",
        "W3O-SEC-004 scripts/ci.sh",
        "W3O-SEC-006 keys/deployer.json",
        "W3O-SEC-008 StatefulSet/eth-public/geth",
        "W3O-SEC-014 StatefulSet/eth-public/geth",
        "W3O-SEC-015 Namespace/ethereum",
        "W3O-GOV-001 contracts.Token",
        "W3O-GOV-002 contracts.Vault",
        "W3O-GOV-003 contracts.Pausable",
        "W3O-GDPR-001 data.history",
        "W3O-GDPR-002 data.history",
        "W3O-GDPR-003 data.history",
        "W3O-ISO-007 suppression:W3O-SEC-001:nodes.avax-public",
        "W3O-ISO-008 w3o.yaml",
      ].sort(),
    );
    expect(evaluation.suppressed.map((f) => `${f.ruleId} ${f.resource} ${f.suppressedBy?.source}`)).toEqual([
      "W3O-SEC-007 data/report.json ignore-file",
    ]);
  });

  it("names every exposed port, per chain", () => {
    const msg = (node: string) => evaluation.findings.find((f) => f.ruleId === "W3O-SEC-001" && f.resource === `nodes.${node}`)?.message;
    expect(msg("eth-public")).toContain("8545, 8546");
    expect(msg("avax-public")).toContain("9650");
    expect(msg("dot-public")).toContain("9944, 9933");
    expect(msg("sol-public")).toContain("8899, 8900");
    const ns = evaluation.findings.find((f) => f.ruleId === "W3O-SEC-002");
    expect(ns?.message).toContain("admin, debug");
    expect(ns?.location).toMatchObject({ file: "w3o.yaml", line: 35 });
  });

  it("tells keys from transaction hashes and storage slots by context", () => {
    const lines = evaluation.findings.filter((f) => f.resource === "scripts/deploy.env").map((f) => f.location.line);
    // Lines 6 and 7 hold a tx hash and the ERC-1967 implementation slot: not secrets.
    expect(lines.sort()).toEqual([2, 3, 4]);
  });

  it("points at the rendered manifest line of the offending value", () => {
    const image = evaluation.findings.find((f) => f.ruleId === "W3O-SEC-014");
    expect(image?.location).toEqual({ file: "deploy/prod/ethereum/eth-public.yaml", line: 13, col: 18 });
  });

  it("the inline suppression is ignored (and reported) because the org forbids inline ones", () => {
    const inline = evaluation.findings.find((f) => f.ruleId === "W3O-ISO-008");
    expect(inline?.location).toMatchObject({ file: "w3o.yaml", line: 53 });
    expect(evaluation.findings.some((f) => f.ruleId === "W3O-SEC-001" && f.resource === "nodes.dot-public")).toBe(true);
  });
});

describe("outputs", () => {
  const render = () => ({ report: buildReport(evaluation, { failOn: "high" }) });

  it("never contain a planted secret, in any format", async () => {
    const { report } = render();
    const { catalogs } = await loadPolicies();
    const compliance = buildCompliance(evaluation, catalogs, { generatedAt: NOW, commit: null, project: "planted" });
    const outputs: Record<string, string> = {
      ...Object.fromEntries(Object.entries(formats).map(([name, f]) => [name, f(report)])),
      "compliance.md": complianceMarkdown(compliance),
      "compliance.json": JSON.stringify(compliance),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(100);
      for (const secret of PLANTED_SECRETS) expect(text.includes(secret), `${name} leaks a planted secret`).toBe(false);
      // The 0x-less key is also checked in halves: a partial leak is still a leak.
      expect(text).not.toContain(PLANTED_SECRETS[0]?.slice(0, 32));
    }
    expect(outputs.text).toContain("scripts/deploy.env:2:13");
    expect(outputs.json).toContain('"suppressed": 1');
    expect(outputs["compliance.md"]).toContain("Written by the exporter");
  });

  it("counts suppressions in every format", () => {
    const { report } = render();
    expect(formats.text(report)).toMatch(/1 suppressed/);
    expect(JSON.parse(formats.json(report)).counts.suppressed).toBe(1);
    expect(JSON.parse(formats.sarif(report)).runs[0].properties.suppressed).toBe(1);
    expect(formats.markdown(report)).toMatch(/1 suppressed/);
  });

  it("SARIF validates against the official SARIF 2.1.0 schema, with relative URIs, regions and levels", async () => {
    const require = createRequire(import.meta.url);
    const schemaPath = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(await readFile(schemaPath, "utf8"));
    // The schema is JSON Schema draft-04; its patterns predate the `u` flag ajv 8 uses by default.
    const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04 }).default ?? AjvDraft04;
    const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
    const ajv = new (Ajv as unknown as new (o: object) => import("ajv").default)({ allErrors: true, strict: false, unicodeRegExp: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(formats.sarif(render().report));
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run = sarif.runs[0];
    const byRule = (id: string) => run.results.find((r: { ruleId: string }) => r.ruleId === id);
    expect(byRule("W3O-SEC-001").level).toBe("error");
    expect(byRule("W3O-ISO-007").level).toBe("warning");
    expect(byRule("W3O-SEC-007").suppressions[0]).toMatchObject({ kind: "external", justification: expect.stringContaining("exporter") });
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^file:/);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.endLine).toBeGreaterThanOrEqual(loc.region.startLine);
      expect(r.partialFingerprints["w3oFingerprint/v1"]).toMatch(/^[0-9a-f]{32}$/);
    }
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === "W3O-GDPR-002");
    expect(rule.help.text).toMatch(/retentionDays/);
    expect(rule.properties.tags).toContain("gdpr:Art. 5(1)(e)");
  });
});
