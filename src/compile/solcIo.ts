import type { JsonFragment } from "ethers";
import { loadSolc } from "./solc.js";
import type { CompilerSettings, ImmutableReferences } from "./types.js";

export type SolcInput = {
  language: "Solidity";
  sources: Record<string, { content: string }>;
  settings: Record<string, unknown>;
};

export type SolcOutputError = {
  severity: string;
  type: string;
  errorCode?: string;
  message: string;
  formattedMessage?: string;
  sourceLocation?: { file: string; start: number; end: number };
};

export type SolcContractOutput = {
  abi: JsonFragment[];
  evm: {
    bytecode: { object: string; linkReferences?: Record<string, unknown> };
    deployedBytecode: { object: string; immutableReferences?: ImmutableReferences };
  };
};

export type SolcOutput = {
  errors?: SolcOutputError[];
  sources?: Record<string, { id: number; ast: unknown }>;
  contracts?: Record<string, Record<string, SolcContractOutput>>;
};

/** Standard JSON input. The AST and storage layout are only needed when upgrades-core checks proxied contracts. */
export function solcInput(sources: Record<string, string>, settings: CompilerSettings, withUpgradeData: boolean): SolcInput {
  const perContract = [
    "abi",
    "evm.bytecode.object",
    "evm.bytecode.linkReferences",
    "evm.deployedBytecode.object",
    "evm.deployedBytecode.immutableReferences",
  ];
  if (withUpgradeData)
    perContract.push("storageLayout", "evm.methodIdentifiers", "evm.bytecode.sourceMap", "evm.deployedBytecode.sourceMap");
  return {
    language: "Solidity",
    sources: Object.fromEntries(
      Object.keys(sources)
        .sort()
        .map((unit) => [unit, { content: sources[unit] as string }]),
    ),
    settings: {
      optimizer: settings.optimizer,
      evmVersion: settings.evmVersion,
      outputSelection: { "*": { "*": perContract, ...(withUpgradeData ? { "": ["ast"] } : {}) } },
    },
  };
}

/** Calls solc-js. Every import is already in the input, so the import callback only reports a miss. */
export function runSolc(version: string, input: SolcInput): SolcOutput {
  const solc = loadSolc(version);
  const raw = solc.compile(JSON.stringify(input), {
    import: (p: string) => ({ error: `File not found: ${p} (w3o collects imports before compiling)` }),
  });
  return JSON.parse(raw) as SolcOutput;
}
