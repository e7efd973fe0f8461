import type { Network } from "../config/model.js";
import type { RpcResult } from "./evm/rpc.js";
import type { ProbeCheck, ProbeResult } from "./types.js";

export const ok = (check: string, message: string): ProbeCheck => ({ check, status: "ok", message });
export const fail = (check: string, message: string): ProbeCheck => ({ check, status: "fail", message });
export const warn = (check: string, message: string): ProbeCheck => ({ check, status: "warn", message });
export const hexNumber = (hex: unknown) => (typeof hex === "string" ? Number.parseInt(hex, 16) : Number.NaN);

/** Chains identified by their genesis hash: the right chain if block 0 is the one w3o.yaml names, then the chain's health checks. */
export function genesisAndHealth(genesis: RpcResult | undefined, network: Network, health: () => ProbeCheck[]): ProbeResult {
  const checks: ProbeCheck[] = [ok("rpc", "answers JSON-RPC")];
  const got = typeof genesis?.result === "string" ? genesis.result : undefined;
  const chainOk = !!got && !!network.genesisHash && got.toLowerCase() === network.genesisHash.toLowerCase();
  checks.push(
    chainOk
      ? ok("chain", `genesis ${got}`)
      : fail("chain", `genesis ${got ?? "unknown"}, expected ${network.genesisHash ?? "(genesisHash not set)"}`),
  );
  checks.push(...health());
  return { checks, chainOk };
}
