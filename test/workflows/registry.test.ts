import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workflow } from "../../src/config/schema/workflow.js";
import { workflowKinds } from "../../src/workflows/index.js";

const DIR = "src/workflows";
const folders = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("the workflow registry", () => {
  it("registers each folder under its own name, with its schema, planner and readme", () => {
    const registered = Object.keys(workflowKinds).sort();
    // A folder without an entry (or an entry without a folder) is a kind half-added.
    expect(registered.every((k) => folders.includes(k))).toBe(true);
    for (const [kind, entry] of Object.entries(workflowKinds)) {
      expect(entry?.kind).toBe(kind);
      expect(typeof entry?.plan).toBe("function");
      expect(typeof entry?.check).toBe("function");
      expect(typeof entry?.sources).toBe("function");
      expect(existsSync(path.join(DIR, kind, "readme.md")), `${kind}/readme.md`).toBe(true);
      expect(existsSync(path.join(DIR, kind, "schema.ts")), `${kind}/schema.ts`).toBe(true);
    }
  });

  it("uses the registered schema in the config: the config's kind is the registry's", () => {
    const configKinds = workflow.options.map((o) => o.shape.kind.value);
    for (const [kind, entry] of Object.entries(workflowKinds)) {
      expect(configKinds).toContain(kind);
      expect(workflow.options.find((o) => o.shape.kind.value === kind)).toBe(entry?.schema);
    }
    // Kinds the config accepts without a planner: plan says "not run yet" for them; keep the list honest.
    expect(configKinds.filter((k) => !(k in workflowKinds)).sort()).toEqual(["dao-setup", "nft-mint"]);
  });
});
