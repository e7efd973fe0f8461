import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatePoliciesDoc } from "../../src/policy/docs.js";
import { loadPolicies } from "../../src/policy/load.js";
import { ROOT } from "../helpers/cli.js";

describe("docs/policies.md", () => {
  it("is up to date with the rule files (run `npm run schema`)", async () => {
    const { rules } = await loadPolicies();
    expect(await readFile(path.join(ROOT, "docs/policies.md"), "utf8")).toBe(generatePoliciesDoc(rules));
  });

  it("lists every rule with its severity, frameworks, controls and remediation", async () => {
    const { rules } = await loadPolicies();
    const doc = generatePoliciesDoc(rules);
    for (const r of rules) {
      const section = doc.slice(doc.indexOf(`### ${r.id}:`), doc.indexOf("\n### ", doc.indexOf(`### ${r.id}:`) + 1));
      expect(section, r.id).toContain(`| Severity | ${r.severity} |`);
      for (const [fw, ids] of Object.entries(r.controls)) for (const c of ids ?? []) expect(section, `${r.id} ${fw}`).toContain(c);
      expect(section, r.id).toContain(r.remediation.replace(/\s+/g, " ").trim());
    }
  });

  it("documents suppressions: resource format and globs, inline, the ignore file, expiry", async () => {
    const doc = generatePoliciesDoc((await loadPolicies()).rules);
    const s = doc.slice(doc.indexOf("## Suppressions"));
    for (const needle of ["nodes.*", ".w3oignore.yaml", "w3o-ignore: <RULE-ID> [expires=YYYY-MM-DD]", "expires", "allowInlineSuppressions"])
      expect(s).toContain(needle);
  });
});
