import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { policyPacks } from "../../src/config/schema/policy.js";
import { evaluate } from "../../src/policy/engine.js";
import { fixtureToInput } from "../../src/policy/fixtures.js";
import { loadPolicies, type PolicySet, policiesDir } from "../../src/policy/load.js";
import { plugins } from "../../src/policy/plugins/index.js";
import { fixtureFile, frameworks, isPluginRule } from "../../src/policy/schema.js";

const dir = policiesDir();
let set: PolicySet;
beforeAll(async () => {
  set = await loadPolicies(dir);
});

describe("policy packs (guard)", () => {
  it("every pack has at least 10 rules, each in a file named by its id", async () => {
    for (const pack of policyPacks) {
      const files = (await readdir(path.join(dir, pack))).filter((f) => f.endsWith(".yaml"));
      expect(files.length, pack).toBeGreaterThanOrEqual(10);
      expect(set.rules.filter((r) => r.pack === pack).length).toBe(files.length);
    }
    expect(new Set(set.rules.map((r) => r.id)).size).toBe(set.rules.length);
  });

  it("every pack folder has a readme listing each of its rules", async () => {
    for (const pack of policyPacks) {
      const readme = await readFile(path.join(dir, pack, "readme.md"), "utf8");
      for (const r of set.rules.filter((x) => x.pack === pack)) expect(readme, `${pack}/readme.md`).toContain(`[${r.id}](${r.id}.yaml)`);
    }
  });

  it("every rule is documented: rationale, remediation, and a message or a registered plugin", () => {
    for (const r of set.rules) {
      expect(r.rationale.length, r.id).toBeGreaterThan(40);
      expect(r.remediation.length, r.id).toBeGreaterThan(20);
      if (isPluginRule(r)) expect(Object.keys(plugins), r.id).toContain(r.plugin);
    }
  });

  it("every control a rule maps to exists in its framework catalog, and catalogs list exactly the rules that map to them", () => {
    for (const fw of frameworks) {
      const catalog = set.catalogs[fw];
      const ids = new Set(catalog.controls.map((c) => c.id));
      const mapped = new Map<string, string[]>();
      for (const r of set.rules) {
        for (const c of r.controls[fw] ?? []) {
          expect(ids.has(c), `${r.id} maps to ${fw} ${c}, which is not in policies/frameworks/${fw}.yaml`).toBe(true);
          mapped.set(c, [...(mapped.get(c) ?? []), r.id]);
        }
      }
      for (const c of catalog.controls) {
        expect(c.rules.slice().sort(), `${fw} ${c.id}`).toEqual((mapped.get(c.id) ?? []).sort());
        // Honest coverage: a control is manual exactly when no rule evidences it.
        expect(c.manual, `${fw} ${c.id}`).toBe(c.rules.length === 0);
      }
    }
  });

  it("every plugin is used by a rule", () => {
    const used = new Set(set.rules.filter(isPluginRule).map((r) => r.plugin));
    expect([...used].sort()).toEqual(Object.keys(plugins).sort());
  });
});

describe("rule fixtures: good passes, bad fails", () => {
  it("every rule has a fixture file", async () => {
    for (const r of set.rules) {
      const file = path.join(dir, r.pack, "fixtures", `${r.id}.yaml`);
      await expect(readFile(file, "utf8"), r.id).resolves.toBeTruthy();
    }
  });

  for (const pack of policyPacks) {
    it(`${pack}: each rule passes its good input and fails its bad one`, async () => {
      const rules = set.rules.filter((r) => r.pack === pack);
      for (const rule of rules) {
        const fixture = fixtureFile.parse(parse(await readFile(path.join(dir, pack, "fixtures", `${rule.id}.yaml`), "utf8")));
        const good = await evaluate(await fixtureToInput(dir, fixture.good), [rule]);
        const bad = await evaluate(await fixtureToInput(dir, fixture.bad), [rule]);
        expect(good.results.length, `${rule.id} good input selects nothing`).toBeGreaterThan(0);
        expect(
          good.results.filter((x) => x.status === "fail").map((x) => x.message),
          `${rule.id} fails its good fixture`,
        ).toEqual([]);
        expect(
          good.results.some((x) => x.status === "pass"),
          `${rule.id} good fixture is only skipped`,
        ).toBe(true);
        expect(bad.findings.length, `${rule.id} passes its bad fixture`).toBeGreaterThan(0);
        for (const f of bad.findings) {
          expect(f.ruleId).toBe(rule.id);
          expect(f.message, rule.id).toBeTruthy();
          expect(f.message, `${rule.id} message has an unresolved placeholder`).not.toMatch(/\{\{|\bnull\b|undefined/);
          expect(f.location.line).toBeGreaterThanOrEqual(1);
        }
      }
    });
  }
});
