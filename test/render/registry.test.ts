import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chains } from "../../src/chains/index.js";
import { targetIds, targets } from "../../src/render/index.js";
import { sortKeys, toJson, toYaml } from "../../src/render/yaml.js";

const root = new URL("../..", import.meta.url).pathname;
const folders = (dir: string) => readdirSync(path.join(root, dir)).filter((f) => statSync(path.join(root, dir, f)).isDirectory());

describe("render registry guard", () => {
  it("registers every target folder, each with a readme, tests and a templates folder", () => {
    expect(folders("src/render").sort()).toEqual([...targetIds].sort());
    for (const id of targetIds) {
      expect(targets[id].id).toBe(id);
      expect(existsSync(path.join(root, "src/render", id, "readme.md")), `${id} readme`).toBe(true);
      const tests = path.join(root, "test/render", id);
      expect(existsSync(tests) && readdirSync(tests).some((f) => f.endsWith(".test.ts")), `${id} tests`).toBe(true);
      expect(existsSync(path.join(root, "templates", id)), `templates/${id}`).toBe(true);
    }
  });

  it("gives every chain with a node schema a renderer, a render.ts, a readme and render tests", () => {
    for (const [id, chain] of Object.entries(chains)) {
      if (!chain.nodeSchema) continue;
      expect(chain.renderNode, `${id} renderNode`).toBeTypeOf("function");
      expect(existsSync(path.join(root, "src/chains", id, "render.ts")), `${id} render.ts`).toBe(true);
      expect(existsSync(path.join(root, "src/chains", id, "readme.md")), `${id} readme`).toBe(true);
      expect(existsSync(path.join(root, "test/chains", id, "render.test.ts")), `${id} tests`).toBe(true);
    }
  });

  it("serialises independently of the order objects were built in", () => {
    const a = { kind: "X", metadata: { name: "n", labels: { b: "2", a: "1" } }, spec: { list: [3, 1, 2] } };
    const b = { spec: { list: [3, 1, 2] }, metadata: { labels: { a: "1", b: "2" }, name: "n" }, kind: "X" };
    expect(toYaml([a, a])).toBe(toYaml([b, b]));
    expect(toJson(a)).toBe(toJson(b));
    expect(toYaml([a])).not.toContain("&a"); // no YAML anchors for repeated objects
    expect(sortKeys(a)).toEqual({ kind: "X", metadata: { labels: { a: "1", b: "2" }, name: "n" }, spec: { list: [3, 1, 2] } });
  });
});
