import type { Interrupted } from "../state/interrupted.js";

export type CheckStatus = "ok" | "warn" | "fail";
export type Check = { check: string; status: CheckStatus; message: string };

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
