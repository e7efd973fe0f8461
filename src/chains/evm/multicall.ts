import { Interface } from "ethers";
import { MULTICALL3_ADDRESS } from "../../devnet/multicall3.js";
import type { RpcCall } from "./rpc.js";

const multicall = new Interface([
  "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)",
]);

export type SubCall = { target: string; callData: string };
export type SubResult = { success: boolean; returnData: string };

/** Sub-calls per aggregate3: keeps each eth_call under providers' gas and response caps. */
export const MULTICALL_CHUNK = 500;

/** eth_calls to Multicall3 carrying every sub-call (allowFailure: a contract without owner() does not fail the others). */
export function multicallRequests(calls: SubCall[], blockTag = "latest"): RpcCall[] {
  const out: RpcCall[] = [];
  for (let i = 0; i < calls.length; i += MULTICALL_CHUNK) {
    const data = multicall.encodeFunctionData("aggregate3", [calls.slice(i, i + MULTICALL_CHUNK).map((c) => [c.target, true, c.callData])]);
    out.push({ method: "eth_call", params: [{ to: MULTICALL3_ADDRESS, data }, blockTag] });
  }
  return out;
}

export function decodeMulticall(returnData: string): SubResult[] {
  const [results] = multicall.decodeFunctionResult("aggregate3", returnData);
  return (results as { success: boolean; returnData: string }[]).map((r) => ({ success: r.success, returnData: r.returnData }));
}
