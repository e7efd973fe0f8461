import type { ProbeCheck } from "../chains/types.js";
import type { Interrupted } from "../state/interrupted.js";

/** One check and its outcome: what a node probe (chains/<family>/probe.ts) and the contract checks report. */
export type Check = ProbeCheck;
export type CheckStatus = Check["status"];

export type ContractReport = {
  name: string;
  address: string;
  checks: Check[];
  /** For the metrics file: undefined when it could not be decided. */
  codeMatch?: boolean;
  ownerMatch?: boolean;
};

export type NetworkReport = {
  network: string;
  chain: string;
  /** Redacted: API keys never leave the process. */
  rpc?: string;
  checks: Check[];
  contracts: ContractReport[];
  headAgeSeconds?: number;
};

export type VerifyReport = {
  environment: string;
  ok: boolean;
  networks: NetworkReport[];
  /** An apply that did not finish: its lock and unrecorded transactions. */
  interrupted?: Interrupted;
};

export const failed = (checks: Check[]) => checks.some((c) => c.status === "fail");
