/**
 * Builds the GitHub Action into one folder that runs with no node_modules: `dist/action/` (committed, since
 * `uses:` runs it straight from the repo). `npm run build:action [outDir]`; test/github/action/bundle.test.ts
 * rebuilds into a temp dir and fails when the committed copy differs.
 *
 * - index.js: every JS dependency bundled by esbuild (deterministic: same inputs, same bytes).
 * - What is not JS is copied next to it and found relative to it: policies/ and templates/ (found by walking
 *   up from the module, as from dist/), solc's soljson per compiler version the examples use, and the
 *   OpenZeppelin .sol files under vendor/ (what a repo imports when it has no node_modules of its own).
 * - The engine loads a few packages lazily or natively with `createRequire` (solc, upgrades-core, rlp,
 *   keccak, secp256k1), which esbuild cannot follow. In the bundle `node:module` is replaced, for src/ only,
 *   by bundleRequire.js: its `createRequire` answers those ids from the bundle (pure-JS builds of the native
 *   ones) and resolves package files into vendor/, and defers to Node's for everything else.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
/** Compiler versions the bundle carries: those the examples pin (w3o never downloads a compiler). */
export const SOLC_VERSIONS = ["0.8.28"] as const;
/** Packages whose Solidity sources ship in vendor/: w3o's own copy, as the CLI resolves it. */
const SOL_PACKAGES = ["@openzeppelin/contracts", "@openzeppelin/contracts-upgradeable"] as const;

const SHIM = path.join(ROOT, "src/github/action/build/bundleRequire.js");

const BANNER = [
  'import { createRequire as __w3oRequire } from "node:module";',
  'import { dirname as __w3oDirname } from "node:path";',
  'import { fileURLToPath as __w3oPath } from "node:url";',
  "const require = __w3oRequire(import.meta.url);",
  "const __filename = __w3oPath(import.meta.url);",
  "const __dirname = __w3oDirname(__filename);",
].join(" ");

/**
 * WebAssembly the bundled code loads next to itself: re2 (secret scanning's regexes, through
 * @kubernetes-models/validate, from __dirname) and slang (upgrades-core's parser, from import.meta.url).
 */
const WASM = [
  "re2-wasm/build/wasm/re2.wasm",
  ...["", "2", "3", "4"].map((n) => `@nomicfoundation/slang/wasm/generated/solidity_cargo_wasm.component.core${n}.wasm`),
];

const requireShim: Plugin = {
  name: "w3o-bundle-require",
  setup(b) {
    b.onResolve({ filter: /^(node:)?module$/ }, (args) =>
      // The shim itself needs the real node:module.
      args.importer.startsWith(path.join(ROOT, "src")) && args.importer !== SHIM ? { path: SHIM } : undefined,
    );
  },
};

async function copySol(pkg: string, to: string): Promise<void> {
  const from = path.join(ROOT, "node_modules", pkg);
  const files = (await readdir(from, { recursive: true })).filter((f) => f.endsWith(".sol") && !f.startsWith("mocks/"));
  for (const f of files.sort()) {
    await mkdir(path.dirname(path.join(to, f)), { recursive: true });
    await cp(path.join(from, f), path.join(to, f));
  }
  const { name, version, license } = JSON.parse(await readFile(path.join(from, "package.json"), "utf8"));
  await writeFile(path.join(to, "package.json"), `${JSON.stringify({ name, version, license }, null, 2)}\n`);
  await cp(path.join(from, "LICENSE"), path.join(to, "LICENSE")).catch(() => {});
}

export async function buildAction(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(ROOT, "src/github/action/index.ts")],
    outfile: path.join(outDir, "index.js"),
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [requireShim],
    // tr46 (through whatwg-url) asks for Node's deprecated punycode, which warns on every run: the npm one is the same code.
    alias: { punycode: "punycode/" },
    // CommonJS dependencies call require() for Node's built-ins and find their files from __dirname: give the
    // ESM bundle both, pointing at dist/action/, where their WebAssembly is copied.
    banner: { js: BANNER },
  });
  for (const file of WASM) await cp(path.join(ROOT, "node_modules", file), path.join(outDir, path.basename(file)));
  for (const dir of ["policies", "templates"]) await cp(path.join(ROOT, dir), path.join(outDir, dir), { recursive: true });
  for (const v of SOLC_VERSIONS) {
    await mkdir(path.join(outDir, "solc"), { recursive: true });
    await cp(path.join(ROOT, "node_modules", `solc-${v}`, "soljson.js"), path.join(outDir, "solc", `soljson-v${v}.cjs`));
  }
  for (const pkg of SOL_PACKAGES) await copySol(pkg, path.join(outDir, "vendor", pkg));
  await writeFile(path.join(outDir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAction(path.resolve(process.argv[2] ?? path.join(ROOT, "dist/action")));
}
