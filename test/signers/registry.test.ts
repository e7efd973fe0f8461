import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
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

  it.each(Object.keys(signers))("%s has index.ts, readme.md and a test", async (kind) => {
    expect(await exists(path.join(ROOT, "src/signers", kind, "index.ts"))).toBe(true);
    expect(await exists(path.join(ROOT, "src/signers", kind, "readme.md"))).toBe(true);
    expect(await exists(path.join(ROOT, "test/signers", `${kind}.test.ts`))).toBe(true);
  });
});
