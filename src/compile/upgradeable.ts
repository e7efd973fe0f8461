import type { SolcInput as OzSolcInput, SolcOutput as OzSolcOutput } from "@openzeppelin/upgrades-core";
import { runSolc, type SolcInput, type SolcOutput } from "./solcIo.js";
import type { Artifact } from "./types.js";
import { upgradesCore } from "./upgradesCore.js";

/**
 * Storage layout and upgrade-safety findings of the contracts deployed behind proxies, computed
 * by @openzeppelin/upgrades-core from solc's AST. ERC-7201 namespaced storage (what OZ v5
 * upgradeable contracts use) needs a second, cheap compile of upgrades-core's "namespaced input".
 */
export function upgradeInfo(
  input: SolcInput,
  output: SolcOutput,
  version: string,
  fqns: string[],
): Record<string, Pick<Artifact, "storageLayout" | "upgradeSafetyErrors">> {
  const {
    getContractVersion,
    getErrors,
    getStorageLayout,
    makeNamespacedInput,
    solcInputOutputDecoder,
    UpgradeableContractErrorReport,
    validate,
    withValidationDefaults,
  } = upgradesCore();
  const ozInput = input as unknown as OzSolcInput;
  const ozOutput = output as unknown as OzSolcOutput;
  const nsInput = makeNamespacedInput(ozInput, ozOutput, version) as unknown as SolcInput;
  nsInput.settings = {
    ...nsInput.settings,
    optimizer: { enabled: false },
    outputSelection: { "*": { "*": ["storageLayout"], "": ["ast"] } },
  };
  const nsOutput = runSolc(version, nsInput) as unknown as OzSolcOutput;
  const decodeSrc = solcInputOutputDecoder(ozInput, ozOutput);
  const run = validate(ozOutput, decodeSrc, version, ozInput, nsOutput);
  const data = { version: "3.4", log: [run] } as const;
  const out: Record<string, Pick<Artifact, "storageLayout" | "upgradeSafetyErrors">> = {};
  for (const fqn of fqns) {
    const v = getContractVersion(run, fqn);
    const errors = getErrors(data as never, v, withValidationDefaults({}));
    out[fqn] = {
      storageLayout: getStorageLayout(data as never, v),
      upgradeSafetyErrors: errors.length ? new UpgradeableContractErrorReport(errors).explain().split("\n\n") : [],
    };
  }
  return out;
}
