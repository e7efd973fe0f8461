import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { runAudit } from "../../src/policy/audit.js";

const NOW = new Date("2026-12-02T00:00:00Z");
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

type Edit = (doc: ReturnType<typeof parseDocument>) => void;

/**
 * examples/infra in a temp folder, with AcmeToken owned by the deployer EOA (so that the production
 * rule W3O-GOV-001 has something to find on mainnet), the environment `prod` renamed to `env` in every
 * file that names it, and `edits` applied to its YAML files.
 */
async function variant(opts: { env?: string; edits?: Record<string, Edit> } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-production-"));
  dirs.push(dir);
  await cp("examples/infra", dir, { recursive: true });
  const edits: Record<string, Edit[]> = {
    "contracts/token.yaml": [(d) => d.setIn(["contracts", "AcmeToken", "owner"], "${accounts.deployer}")],
  };
  for (const [file, edit] of Object.entries(opts.edits ?? {})) edits[file] = [...(edits[file] ?? []), edit];
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith(".yaml")) continue;
    let text = await readFile(path.join(dir, file), "utf8");
    if (opts.env) text = text.replace(/(?<![-\w])prod(?![-\w])/g, opts.env);
    const doc = parseDocument(text);
    for (const edit of edits[file] ?? []) edit(doc);
    await writeFile(path.join(dir, file), doc.toString());
  }
  return dir;
}

/** The environment `prod`, renamed to `to`, optionally saying `production:`. */
const renamed = (to: string, production?: boolean): { env: string; edits: Record<string, Edit> } => ({
  env: to,
  edits: production === undefined ? {} : { "w3o.yaml": (d) => d.setIn(["environments", to, "production"], production) },
});

const productionFindings = async (dir: string) =>
  (await runAudit(dir, { now: NOW })).evaluation.findings
    .filter((f) => /^W3O-(GOV|ISO-005)/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.resource}`)
    .sort();

describe("production is what the environment says, the name only a default", () => {
  it("an environment called live with production: true gets every production rule prod gets", async () => {
    const asProd = await productionFindings(await variant());
    expect(asProd).toContain("W3O-GOV-001 contracts.AcmeToken");
    expect(await productionFindings(await variant(renamed("live", true)))).toEqual(asProd);
    // Without `production:`, the documented default decides by name: live is not production.
    expect(await productionFindings(await variant(renamed("live")))).not.toContain("W3O-GOV-001 contracts.AcmeToken");
  });

  it("production: false takes an environment named prod out of the production rules", async () => {
    expect(await productionFindings(await variant())).toContain("W3O-GOV-001 contracts.AcmeToken");
    expect(await productionFindings(await variant(renamed("prod", false)))).toEqual([]);
  });

  it("a contract's role decides whether it is a timelock, over its name", async () => {
    const before = await productionFindings(await variant());
    expect(before.filter((f) => f.startsWith("W3O-GOV-002"))).toEqual([]);
    const dir = await variant({
      edits: { "contracts/governance.yaml": (doc) => doc.setIn(["contracts", "Timelock", "role"], "multisig") },
    });
    const after = await productionFindings(dir);
    // The proxy upgraded by "Timelock" is now upgraded by a multisig: the timelock rule fires, naming it.
    expect(after.filter((f) => f.startsWith("W3O-GOV-002")).length).toBeGreaterThan(0);
    const { evaluation } = await runAudit(dir, { now: NOW });
    expect(evaluation.findings.find((f) => f.ruleId === "W3O-GOV-002")?.message).toContain("multisig ${contracts.Timelock}");
  });
});
