import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateJsonSchema, jsonSchemas } from "../../src/config/jsonSchema.js";
import { generateReference } from "../../src/config/reference.js";
import { ROOT } from "../helpers/cli.js";

const checkedIn = (file: string) => readFile(path.join(ROOT, "schema", file), "utf8");
const example = async (file: string) => parse(await readFile(path.join(ROOT, "examples/infra", file), "utf8"));

describe("JSON Schema for editors", () => {
  it.each(Object.keys(jsonSchemas))("schema/%s is up to date with the zod schemas (run `npm run schema`)", async (file) => {
    expect(await checkedIn(file)).toBe(generateJsonSchema(file as keyof typeof jsonSchemas));
  });

  it("docs/reference.md is up to date with the zod schemas (run `npm run schema`)", async () => {
    expect(await readFile(path.join(ROOT, "docs/reference.md"), "utf8")).toBe(generateReference());
  });

  it("accepts the example repo and rejects what the zod schema rejects, as an editor would", async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const root = ajv.compile(JSON.parse(await checkedIn("w3o.schema.json")));
    const resources = ajv.compile(JSON.parse(await checkedIn("w3o-resources.schema.json")));

    expect(root(await example("w3o.yaml")), JSON.stringify(root.errors)).toBe(true);
    for (const f of [
      "contracts/token.yaml",
      "contracts/governance.yaml",
      "nodes/ethereum.yaml",
      "workflows/launch.yaml",
      "monitoring/monitors.yaml",
    ]) {
      expect(resources(await example(f)), `${f}: ${JSON.stringify(resources.errors)}`).toBe(true);
    }

    const typo = await example("w3o.yaml");
    typo.environments.dev.autoAplly = true;
    expect(root(typo)).toBe(false);
    expect(
      root.errors?.some(
        (e: { keyword: string; params: Record<string, unknown> }) =>
          e.keyword === "additionalProperties" && e.params.additionalProperty === "autoAplly",
      ),
    ).toBe(true);
  });
});
