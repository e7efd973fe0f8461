import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI as `npm run build` makes it (its options, only the output folder changed), under the repo's
// node_modules so that the bundle's package imports resolve as they do from dist/.
let dir: string;
let meta: Metafile;
let entry: string;
beforeAll(async () => {
  const cache = path.resolve("node_modules/.cache");
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(path.join(cache, "w3o-built-"));
  const metafile = path.join(dir, "meta.json");
  execFileSync("npm", [
    "run",
    "--silent",
    "build",
    "--",
    `--outdir=${path.join(dir, "dist")}`,
    `--metafile=${metafile}`,
    "--log-level=error",
  ]);
  meta = JSON.parse(await readFile(metafile, "utf8"));
  entry = Object.keys(meta.outputs).find((f) => f.endsWith("/w3o.js"))!;
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** npm packages an output loads, following only the given kinds of import edge between chunks. */
function packagesReached(from: string, kinds: Set<string>): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) {
      if (!kinds.has(i.kind)) continue;
      if (!i.external) visit(i.path);
      else if (!i.path.startsWith("node:"))
        packages.add(
          i.path
            .split("/")
            .slice(0, i.path.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
  };
  visit(from);
  return packages;
}

describe("CLI start-up", () => {
  // `w3o --help` and every command used to load the whole engine first (ethers, ox, kysely, zod, the
  // Kubernetes models…): about a second before anything ran. Commands now import it in their action.
  it("loads only commander and picocolors before a command runs", () => {
    expect([...packagesReached(entry, new Set(["import-statement"]))].sort()).toEqual(["commander", "picocolors"]);
  });

  it("still bundles the engine, loaded on demand by the commands", () => {
    const onDemand = packagesReached(entry, new Set(["import-statement", "dynamic-import"]));
    for (const pkg of ["ethers", "ox", "kysely", "better-sqlite3", "zod", "yaml", "listr2", "undici", "simple-git"]) {
      expect(onDemand, pkg).toContain(pkg);
    }
  });
});

describe("the built CLI", () => {
  // Chunks live in dist/chunks/: files found relative to a module (policies, templates, the devnet's
  // Multicall3 source) must still be found from there, as they are from src/.
  it("finds its policies, templates and Multicall3 source from dist/chunks", async () => {
    expect((await readdir(path.join(dir, "dist", "chunks"))).length).toBeGreaterThan(1);
    const w3o = path.join(dir, "dist", "w3o.js");
    const run = (...args: string[]) => spawnSync(process.execPath, [w3o, ...args], { encoding: "utf8" });

    const audit = run("audit", "examples/infra", "--format", "json");
    expect(audit.stderr).toBe("");
    expect(JSON.parse(audit.stdout).counts.passed).toBeGreaterThan(0);

    const render = run("render", "examples/infra", "--env", "dev", "--out", path.join(dir, "rendered"), "--json");
    expect(render.stderr).toBe("");
    expect(JSON.parse(render.stdout).files.length).toBeGreaterThan(0);

    const devnet = spawn(process.execPath, [w3o, "devnet", "--port", "0", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise((resolve) => devnet.once("exit", resolve));
    try {
      const info = await new Promise<{ url: string; multicall3: string }>((resolve, reject) => {
        let out = "";
        let err = "";
        devnet.stderr.on("data", (d) => (err += d));
        devnet.stdout.on("data", (d) => {
          out += d;
          try {
            resolve(JSON.parse(out));
          } catch {
            // not the whole JSON yet
          }
        });
        devnet.once("exit", () => reject(new Error(`w3o devnet exited: ${err}`)));
      });
      const code = await fetch(info.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getCode", params: [info.multicall3, "latest"] }),
      }).then((r) => r.json() as Promise<{ result: string }>);
      expect(code.result.length).toBeGreaterThan(1000);
    } finally {
      devnet.kill("SIGINT");
      await exited;
    }
  }, 60_000);
});
