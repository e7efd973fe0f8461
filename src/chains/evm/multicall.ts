import * as AbiFunction from "ox/AbiFunction";
import type { RpcCall } from "./rpc.js";

/** Multicall3's address, the same on every public EVM chain (`w3o devnet` installs it on anvil). */
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";

/**
 * Encoded and decoded with ox rather than ethers: this shape is fixed and ours, every plan and every
 * post-deploy check goes through it, and ethers' coder takes ~0.15 ms per sub-call each way (tens of
 * ms for a hundred contracts) where ox takes a few µs.
 */
const aggregate3 = AbiFunction.from(
  "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)",
);

export type SubCall = { target: string; callData: string };
export type SubResult = { success: boolean; returnData: string };

/** Sub-calls per aggregate3: keeps each eth_call under providers' gas and response caps. */
export const MULTICALL_CHUNK = 500;

/** eth_calls to Multicall3 carrying every sub-call (allowFailure: a contract without owner() does not fail the others). */
export function multicallRequests(calls: SubCall[], blockTag = "latest"): RpcCall[] {
  const out: RpcCall[] = [];
  for (let i = 0; i < calls.length; i += MULTICALL_CHUNK) {
    const chunk = calls.slice(i, i + MULTICALL_CHUNK).map((c) => ({
      target: c.target as `0x${string}`,
      allowFailure: true,
      callData: c.callData as `0x${string}`,
    }));
    out.push({ method: "eth_call", params: [{ to: MULTICALL3_ADDRESS, data: AbiFunction.encodeData(aggregate3, [chunk]) }, blockTag] });
  }
  return out;
}

export function decodeMulticall(returnData: string): SubResult[] {
  return AbiFunction.decodeResult(aggregate3, returnData as `0x${string}`).map((r) => ({ success: r.success, returnData: r.returnData }));
}
