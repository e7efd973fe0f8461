import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chains } from "../../src/chains/index.js";
import { node } from "../../src/config/schema/node.js";
import { ROOT } from "../helpers/cli.js";

const CHAINS_DIR = path.join(ROOT, "src/chains");
/** Folders shared by several families, not chains: EVM reads and encoding, the Kubernetes primitives of node renderers. */
const SHARED = new Set(["evm", "kubernetes"]);
const folders = async () => {
  const entries = await readdir(CHAINS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !SHARED.has(e.name))
    .map((e) => e.name)
    .sort();
};
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe("chain registry", () => {
  it("registers every chain folder, under its own id", async () => {
    expect(Object.keys(chains).sort()).toEqual(await folders());
    for (const [key, def] of Object.entries(chains)) expect(def.id).toBe(key);
  });

  it.each(Object.keys(chains))("%s has an index.ts and a readme.md", async (id) => {
    expect(await exists(path.join(CHAINS_DIR, id, "index.ts"))).toBe(true);
    expect(await exists(path.join(CHAINS_DIR, id, "readme.md"))).toBe(true);
  });

  it.each(Object.keys(chains))("%s has a node probe: the EVM one, or its own in probe.ts", async (id) => {
    const def = chains[id as keyof typeof chains];
    expect(typeof def.probe).toBe("function");
    const { probeEvm } = await import("../../src/chains/evm/probe.js");
    if (def.evm) expect(def.probe).toBe(probeEvm);
    else {
      expect(await exists(path.join(CHAINS_DIR, id, "probe.ts"))).toBe(true);
      expect(def.probe).not.toBe(probeEvm);
    }
  });

  it("accepts nodes exactly for the chains that define a node schema", () => {
    const withNodes = Object.values(chains)
      .filter((c) => c.nodeSchema)
      .map((c) => c.id)
      .sort();
    const options = (node._zod.def.options as { shape: { chain: { value: string } } }[]).map((o) => o.shape.chain.value).sort();
    expect(options).toEqual(withNodes);
  });
});
