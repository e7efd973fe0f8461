import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

// The import graph of src/ as esbuild sees it when it bundles every module: value imports only (type
// imports vanish at build time, and only value imports can leave a module half-initialised).
let graph: Map<string, string[]>;
beforeAll(async () => {
  const entryPoints = (await readdir("src", { recursive: true })).filter((f) => f.endsWith(".ts")).map((f) => `src/${f}`);
  const { metafile } = await build({
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    splitting: true,
    outdir: "out",
    logLevel: "silent",
  });
  graph = new Map(
    Object.entries((metafile as Metafile).inputs)
      .filter(([file]) => file.startsWith("src/"))
      .map(([file, input]) => [file, input.imports.map((i) => i.path).filter((p) => p.startsWith("src/"))]),
  );
}, 60_000);

/** Strongly connected components of more than one module (Tarjan): each one is an import cycle. */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("the import graph of src/", () => {
  it("reads every module", () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get("src/apply/receipts.ts")).toContain("src/apply/settle.ts");
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(g)).toEqual([["a", "b", "c"]]);
  });
});

// chains/ sits below the engines that use it (ARCHITECTURE.md): it imports neither plan/, nor devnet/
// (dev tooling), nor render/ — not even a type, so a chain folder can be read on its own.
const ABOVE_CHAINS = ["src/plan/", "src/devnet/", "src/render/"];

describe("src/chains/", () => {
  it("imports no value from plan/, devnet/ or render/", () => {
    const bad = [...graph].flatMap(([file, deps]) =>
      file.startsWith("src/chains/") ? deps.filter((d) => ABOVE_CHAINS.some((a) => d.startsWith(a))).map((d) => `${file} → ${d}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it("imports no type from them either", async () => {
    const bad: string[] = [];
    for (const f of await readdir("src/chains", { recursive: true })) {
      if (!f.endsWith(".ts")) continue;
      const file = path.join("src/chains", f);
      for (const [, spec] of (await readFile(file, "utf8")).matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)"/gms)) {
        const target = path.normalize(path.join(path.dirname(file), spec!));
        if (ABOVE_CHAINS.some((a) => target.startsWith(a))) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

// The engine reads secrets and URLs only from the `vars` its caller passes (the CLI passes the process's
// environment; the app and the Action pass their own), so a server can run two repos side by side.
// The documented opt-ins: where the compile cache lives; the Action's entry (the runner's environment is its input).
const ENV_OPT_INS = new Set(["src/compile/cacheDir.ts", "src/github/action/index.ts"]);

describe("process.env in src/", () => {
  it("is read only by the CLI and the documented opt-ins", async () => {
    const readers: string[] = [];
    for (const f of await readdir("src", { recursive: true })) {
      const file = `src/${f}`;
      if (!file.endsWith(".ts") || file.startsWith("src/cli/") || ENV_OPT_INS.has(file)) continue;
      if ((await readFile(file, "utf8")).includes("process.env")) readers.push(file);
    }
    expect(readers).toEqual([]);
  });
});

// Faces → src/github/ → engine: the engine never talks to GitHub itself, so it runs the same under the CLI.
describe("GitHub in src/", () => {
  it("is reached only through src/github/", async () => {
    const importers: string[] = [];
    for (const f of await readdir("src", { recursive: true })) {
      const file = `src/${f}`;
      if (!file.endsWith(".ts") || file.startsWith("src/github/")) continue;
      if (/from "(@octokit\/|probot|@actions\/)/.test(await readFile(file, "utf8"))) importers.push(file);
    }
    expect(importers).toEqual([]);
    expect(await readFile("src/github/client.ts", "utf8")).toMatch(/from "@octokit\/rest"/);
  });
});
