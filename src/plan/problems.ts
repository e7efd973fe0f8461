import type { Artifact } from "../compile/types.js";
import type { PlanStep } from "./types.js";

/** EIP-170's limit on runtime code (Spurious Dragon): Ethereum's and most EVM chains'. */
export const EIP170_CODE_SIZE_LIMIT = 24_576;

/** Bytes of 0x-hex code. */
const size = (hex: string) => (hex.length - 2) / 2;

/**
 * What stops apply from doing a step at all, found before anything is sent: new code the chain would
 * refuse (larger than the network's code size limit: the node answers "CreateContractSizeLimit" and the
 * deploy cannot succeed), an implementation OpenZeppelin's validation finds unsafe behind a proxy, or an
 * upgrade whose storage layout is not compatible with the deployed one. Each is a sentence, then any
 * report lines. Pure; apply refuses the whole environment while any step it would run has a problem,
 * so nothing is half-applied.
 */
export function stepProblems(step: Omit<PlanStep, "problems">, artifact: Artifact, codeSizeLimit: number): string[] {
  const upgrade = step.changes?.find((c) => c.kind === "upgrade");
  const deploysCode = step.action === "create" || step.action === "replace" || upgrade !== undefined;
  if (!deploysCode) return [];
  const out: string[] = [];
  const bytes = size(artifact.deployedBytecode);
  if (bytes > codeSizeLimit) {
    out.push(
      `${artifact.name}'s runtime code is ${bytes.toLocaleString("en")} bytes, over network ${step.network}'s limit of ${codeSizeLimit.toLocaleString("en")} (EIP-170): the chain would refuse to deploy it. Enable the optimizer or lower its runs, move code into libraries, or set networks.${step.network}.codeSizeLimit if this chain allows more.`,
    );
  }
  const proxied = step.kind === "uups" || step.kind === "transparent";
  if (proxied && artifact.upgradeSafetyErrors?.length) {
    out.push(
      `${artifact.name} is not safe to use behind a proxy (OpenZeppelin's upgrade-safety validation):\n${artifact.upgradeSafetyErrors.join("\n")}`,
    );
  }
  if (upgrade?.kind === "upgrade" && upgrade.storageLayout === "incompatible") {
    out.push(
      [
        `the new ${artifact.name} implementation is not storage-compatible with the deployed one. Keep existing state variables in place (append new ones, or use gaps or namespaced storage).`,
        ...(upgrade.storageLayoutReport ? [upgrade.storageLayoutReport] : []),
      ].join("\n"),
    );
  }
  return out;
}
