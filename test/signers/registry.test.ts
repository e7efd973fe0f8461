import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signer as configSigner } from "../../src/config/schema/account.js";
import { signers } from "../../src/signers/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe("signer registry", () => {
  it("registers every signer folder under its own kind", async () => {
    const entries = await readdir(path.join(ROOT, "src/signers"), { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(Object.keys(signers).sort()).toEqual(folders.sort());
    for (const [key, def] of Object.entries(signers)) expect(def.kind).toBe(key);
  });

  it.each(Object.keys(signers))("%s has index.ts, schema.ts, readme.md and a test", async (kind) => {
    expect(await exists(path.join(ROOT, "src/signers", kind, "index.ts"))).toBe(true);
    expect(await exists(path.join(ROOT, "src/signers", kind, "schema.ts"))).toBe(true);
    expect(await exists(path.join(ROOT, "src/signers", kind, "readme.md"))).toBe(true);
    expect(await exists(path.join(ROOT, "test/signers", `${kind}.test.ts`))).toBe(true);
  });

  it.each(Object.keys(signers))("%s has a schema the config's signer: accepts, and opens a signer", (kind) => {
    const def = signers[kind as keyof typeof signers];
    expect(def.schema).toBeInstanceOf(z.ZodObject);
    expect(typeof def.open).toBe("function");
    expect(typeof def.describe).toBe("function");
    // The config union (which the JSON Schema is generated from) is made of the kinds' own schemas.
    expect(configSigner.options).toContain(def.schema);
    expect(configSigner.options).toHaveLength(Object.keys(signers).length);
  });
});
