import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Model } from "../config/model.js";
import { strippedCodeHash } from "./bytecode.js";
import { cacheDir as defaultCacheDir } from "./cacheDir.js";
import { type CompileDiagnostic, CompileError, toDiagnostic } from "./errors.js";
import { runSolc, type SolcOutput, solcInput } from "./solcIo.js";
import { collectSources } from "./sources.js";
import type { Artifact, CompiledRepo, CompileOptions, CompilerSettings, Hex, ProxyArtifacts } from "./types.js";
import { upgradeInfo } from "./upgradeable.js";

export { stripMetadata, strippedCodeHash, zeroImmutables } from "./bytecode.js";
export { type CompileDiagnostic, CompileError, formatCompileDiagnostic } from "./errors.js";
export type * from "./types.js";

export const PROXY_SOURCES = {
  ERC1967Proxy: "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
  TransparentUpgradeableProxy: "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol",
  ProxyAdmin: "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol",
} as const satisfies Record<keyof ProxyArtifacts, string>;

/** Bumped when the cached artifact format changes, so old cache entries are not read. */
const CACHE_FORMAT = 2;

/** The repo's compiler settings with the schema's defaults. */
export function compilerSettings(model: Pick<Model, "compiler">): CompilerSettings {
  const c = model.compiler;
  return {
    version: c?.version ?? "0.8.28",
    optimizer: { enabled: c?.optimizer?.enabled ?? true, runs: c?.optimizer?.runs ?? 200 },
    evmVersion: c?.evmVersion ?? "cancun",
  };
}

/** Fully qualified name solc uses: `source:Contract`. */
const fqn = (source: string, name: string) => `${source}:${name}`;

type CacheEntry = { format: number; artifacts: Record<string, Artifact>; warnings: CompileDiagnostic[] };

/**
 * solc's warnings about the repo's own sources, for the plan a reviewer reads. Imported libraries'
 * warnings are not the repo's to fix; "contract code size exceeds 24576 bytes" (5574) is left to the
 * plan, which checks each network's real limit (plan/problems.ts).
 */
const repoWarning = (d: CompileDiagnostic) =>
  d.severity === "warning" && d.file !== undefined && !d.file.startsWith("@") && !d.file.includes("node_modules/") && d.code !== "5574";

/**
 * Compiles every contract the repo declares, plus OpenZeppelin's proxies, with solc.
 * Artifacts are cached on disk under the hash of (every source read, settings, compiler
 * version, which contracts sit behind proxies): an unchanged repo never calls solc.
 */
export async function compile(model: Pick<Model, "dir" | "contracts" | "compiler">, opts: CompileOptions = {}): Promise<CompiledRepo> {
  const wanted = new Map<string, { source: string; name: string }>(); // fqn → unit/contract
  for (const [resource, c] of Object.entries(model.contracts)) {
    const name = c.contract ?? resource;
    wanted.set(fqn(c.source, name), { source: c.source, name });
  }
  for (const [name, source] of Object.entries(PROXY_SOURCES)) wanted.set(fqn(source, name), { source, name });
  const upgradeable = [
    ...new Set(
      Object.entries(model.contracts)
        .filter(([, c]) => c.proxy)
        .map(([resource, c]) => fqn(c.source, c.contract ?? resource)),
    ),
  ].sort();
  const units = await compileUnits(model, [...wanted.values()], { ...opts, upgradeable });
  const contracts: Record<string, Artifact> = {};
  for (const [resource, c] of Object.entries(model.contracts)) contracts[resource] = units.pick(c.source, c.contract ?? resource);
  const proxies = Object.fromEntries(
    Object.entries(PROXY_SOURCES).map(([name, source]) => [name, units.pick(source, name)]),
  ) as ProxyArtifacts;
  return { contracts, proxies, compiler: units.compiler, inputHash: units.inputHash, fromCache: units.fromCache, warnings: units.warnings };
}

/** Compiled units: artifacts by `source:Contract`, from one solc run (or the cache). */
export type CompiledUnits = {
  pick(source: string, name: string): Artifact;
  compiler: CompilerSettings;
  inputHash: string;
  fromCache: boolean;
  warnings: CompileDiagnostic[];
};

/**
 * Compiles the given contracts of the given units with the repo's settings, through the same cache
 * as `compile`. `generated` holds units w3o writes itself (a workflow's token), read before any file.
 */
export async function compileUnits(
  model: Pick<Model, "dir" | "compiler">,
  wantedList: { source: string; name: string }[],
  opts: CompileOptions & { upgradeable?: string[]; generated?: Record<string, string> } = {},
): Promise<CompiledUnits> {
  const started = performance.now();
  const settings = compilerSettings(model);
  const wanted = new Map(wantedList.map((w) => [fqn(w.source, w.name), w]));
  const upgradeable = opts.upgradeable ?? [];
  const roots = [...new Set([...wanted.values()].map((w) => w.source))].sort();
  const sources = await collectSources(model.dir, roots, opts.generated);
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: CACHE_FORMAT, settings, upgradeable, wanted: [...wanted.keys()].sort() }));
  for (const unit of Object.keys(sources).sort()) hash.update(`\0${unit}\0${sources[unit]}`);
  const inputHash = hash.digest("hex");

  const file = path.join(opts.cacheDir ?? path.join(defaultCacheDir(), "artifacts"), `${inputHash}.json`);
  let artifacts: Record<string, Artifact> | undefined;
  let warnings: CompileDiagnostic[] = [];
  let fromCache = false;
  if (!opts.force) {
    const cached = await readFile(file, "utf8").catch(() => undefined);
    const entry = cached ? (JSON.parse(cached) as CacheEntry) : undefined;
    if (entry?.format === CACHE_FORMAT) {
      ({ artifacts, warnings } = entry);
      fromCache = true;
    }
  }
  const what = { contracts: wanted.size, sources: Object.keys(sources).length, compiler: settings.version };
  opts.onEvent?.({ type: "compile-start", ...what, cached: fromCache });
  if (!artifacts) {
    ({ artifacts, warnings } = build(sources, settings, [...wanted.values()], upgradeable));
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: CACHE_FORMAT, artifacts, warnings } satisfies CacheEntry));
    await rename(tmp, file); // atomic: a concurrent reader never sees half a file
  }
  const durationMs = Math.round(performance.now() - started);
  opts.onEvent?.({ type: "compile-done", ...what, fromCache, durationMs, warnings: warnings.length });

  const all = artifacts;
  const pick = (source: string, name: string): Artifact => {
    const a = all[fqn(source, name)];
    if (!a)
      throw new CompileError(
        [{ severity: "error", file: source, type: "MissingContract", message: `no contract "${name}" in ${source}` }],
        settings.version,
      );
    return a;
  };
  return { pick, compiler: settings, inputHash, fromCache, warnings };
}

function build(
  sources: Record<string, string>,
  settings: CompilerSettings,
  wanted: { source: string; name: string }[],
  upgradeable: string[],
): Pick<CacheEntry, "artifacts" | "warnings"> {
  const input = solcInput(sources, settings, upgradeable.length > 0);
  const output: SolcOutput = runSolc(settings.version, input);
  const diagnostics = (output.errors ?? []).map((e) => toDiagnostic(e, sources));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new CompileError(errors, settings.version);
  const warnings = diagnostics.filter(repoWarning);

  const missing = wanted.filter((w) => !output.contracts?.[w.source]?.[w.name]);
  if (missing.length) {
    throw new CompileError(
      missing.map((w) => ({
        severity: "error",
        file: w.source,
        line: 1,
        col: 1,
        type: "MissingContract",
        message: `${w.source} has no contract named "${w.name}" (found: ${Object.keys(output.contracts?.[w.source] ?? {}).join(", ") || "none"}); set contract: to the right name`,
      })),
      settings.version,
    );
  }
  const upgrades = upgradeable.length ? upgradeInfo(input, output, settings.version, upgradeable) : {};

  const artifacts: Record<string, Artifact> = {};
  for (const w of wanted) {
    const c = output.contracts?.[w.source]?.[w.name];
    if (!c) continue;
    const links = Object.keys(c.evm.bytecode.linkReferences ?? {});
    if (links.length) {
      throw new CompileError(
        [
          {
            severity: "error",
            file: w.source,
            line: 1,
            col: 1,
            type: "LinkingRequired",
            message: `${w.name} needs external libraries linked (${links.join(", ")}), which w3o does not support; make the library functions internal`,
          },
        ],
        settings.version,
      );
    }
    const immutableReferences = c.evm.deployedBytecode.immutableReferences ?? {};
    const deployedBytecode = `0x${c.evm.deployedBytecode.object}` as Hex;
    const key = fqn(w.source, w.name);
    artifacts[key] = {
      name: w.name,
      source: w.source,
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode,
      immutableReferences,
      codeHash: strippedCodeHash(deployedBytecode, immutableReferences),
      ...upgrades[key],
      compiler: settings,
    };
  }
  return { artifacts, warnings };
}
