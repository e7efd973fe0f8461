import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildAction } from "../../../src/github/action/build/buildAction.js";
import { ROOT } from "../../helpers/cli.js";

const COMMITTED = path.join(ROOT, "dist/action");

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("the committed bundle of the Action", () => {
  it("is what npm run build:action builds from this tree, byte for byte", async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), "w3o-action-build-"));
    await buildAction(fresh);
    const [want, have] = await Promise.all([files(fresh), files(COMMITTED)]);
    expect(have, "dist/action/ is stale: run npm run build:action and commit it").toEqual(want);
    const stale: string[] = [];
    for (const f of want) {
      const [a, b] = await Promise.all([readFile(path.join(fresh, f)), readFile(path.join(COMMITTED, f))]);
      if (!a.equals(b)) stale.push(f);
    }
    expect(stale, "dist/action/ is stale: run npm run build:action and commit it").toEqual([]);
  }, 120_000);

  it("ships no native addon", async () => {
    expect((await files(COMMITTED)).filter((f) => f.endsWith(".node"))).toEqual([]);
  });
});

describe("action.yml", () => {
  it("runs the bundle on node24 and declares exactly the inputs and outputs the entry uses", async () => {
    const action = parse(await readFile(path.join(ROOT, "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node24", main: "dist/action/index.js" });
    const dir = path.join(ROOT, "src/github/action");
    const sources = (await readdir(dir)).filter((f) => f.endsWith(".ts"));
    const src = (await Promise.all(sources.map((f) => readFile(path.join(dir, f), "utf8")))).join("\n");
    const used = (re: RegExp) => [...new Set([...src.matchAll(re)].map((m) => m[1]))].sort();
    expect(Object.keys(action.inputs).sort()).toEqual(used(/core\.get(?:Boolean)?Input\("([^"]+)"\)/g));
    expect(Object.keys(action.outputs).sort()).toEqual(used(/core\.setOutput\("([^"]+)"/g));
    expect(action.inputs["github-token"].default).toBe("${{ github.token }}");
    expect(action.inputs.path.default).toBe(".");
    expect(action.inputs.comment.default).toBe("true");
  });
});
