/**
 * The compiled artifacts: the contract between compile (here), plan and apply.
 * Everything is JSON-serializable so it can be cached on disk and passed between processes.
 */

import type { StorageLayout } from "@openzeppelin/upgrades-core";
import type { JsonFragment } from "ethers";
import type { CompileEvent } from "../apply/progressEvents.js";
import type { Model } from "../config/model.js";
import type { CompileDiagnostic } from "./errors.js";

export type Hex = `0x${string}`;
export type Address = `0x${string}`;

/** The settings that produced an artifact; also what a deployment record stores (`state/record.ts` compilerSettings). */
export type CompilerSettings = {
  version: string;
  optimizer: { enabled: boolean; runs: number };
  evmVersion: string;
};

/** solc's `evm.deployedBytecode.immutableReferences`: AST id → byte ranges in the runtime code. */
export type ImmutableReferences = Record<string, { start: number; length: number }[]>;

/** One compiled contract. */
export type Artifact = {
  /** Contract name inside the source unit, e.g. "AcmeVault" or "TimelockController". */
  name: string;
  /** Source unit as given to solc: repo-relative ("contracts/src/AcmeVault.sol") or an import path ("@openzeppelin/…"). */
  source: string;
  abi: JsonFragment[];
  /** Creation code (0x…), no libraries to link (w3o refuses contracts that need linking). */
  bytecode: Hex;
  /** Runtime code as compiled (immutables are zeros here, the chain has them filled). */
  deployedBytecode: Hex;
  immutableReferences: ImmutableReferences;
  /**
   * keccak256 of the runtime code with the CBOR metadata stripped and immutables zeroed:
   * `strippedCodeHash(deployedBytecode, immutableReferences)` (compile/bytecode.ts). Equal across
   * comment/whitespace-only edits; what records store as `codeHash`.
   */
  codeHash: Hex;
  /**
   * Storage layout in @openzeppelin/upgrades-core's format (the one `assertStorageUpgradeSafe` takes).
   * Present for contracts deployed behind a proxy (and for the proxy artifacts' implementations only when
   * asked); apply records it with the implementation so the next upgrade can be checked against it.
   */
  storageLayout?: StorageLayout;
  /** upgrades-core validation errors for an implementation (constructor, selfdestruct, delegatecall…), as words. */
  upgradeSafetyErrors?: string[];
  compiler: CompilerSettings;
};

/** OpenZeppelin v5 proxy contracts, compiled from @openzeppelin/contracts with the repo's compiler settings. */
export type ProxyArtifacts = {
  /** UUPS: `constructor(address implementation, bytes data)`. */
  ERC1967Proxy: Artifact;
  /** Transparent: `constructor(address logic, address initialOwner, bytes data)`; deploys its own ProxyAdmin. */
  TransparentUpgradeableProxy: Artifact;
  /** The ProxyAdmin a transparent proxy creates (ABI for `owner()`, `upgradeAndCall`). */
  ProxyAdmin: Artifact;
};

/** The whole repo compiled: one artifact per contract resource. */
export type CompiledRepo = {
  /** Keyed by contract resource name (`contracts.<name>` in the model). */
  contracts: Record<string, Artifact>;
  proxies: ProxyArtifacts;
  compiler: CompilerSettings;
  /** sha256 over every source read (path + content), the settings and the compiler version: the cache key. */
  inputHash: string;
  /** True when the artifacts came from the on-disk cache and solc was not called. */
  fromCache: boolean;
  /** solc's warnings about the repo's own sources (kept in the cache too), file:line:col. */
  warnings: CompileDiagnostic[];
};

export type CompileOptions = {
  /** Cache folder; defaults to `cacheDir()/artifacts`. */
  cacheDir?: string;
  /** Ignore the cache (still writes it). */
  force?: boolean;
  /** Told when compiling starts and ends (what, how many sources, cached or not, how long). */
  onEvent?: (e: CompileEvent) => void;
};

/** `compile(model)` in compile/index.ts has this signature. */
export type Compile = (model: Pick<Model, "dir" | "contracts" | "compiler">, opts?: CompileOptions) => Promise<CompiledRepo>;

/** `strippedCodeHash` in compile/bytecode.ts has this signature; use it on live code with the artifact's immutableReferences. */
export type StrippedCodeHash = (runtimeCode: string, immutableReferences?: ImmutableReferences) => Hex;
