import { BaseError } from "../../errors/index.js";

export type RpcErrorBody = { code: number; message: string; data?: unknown };

export class RpcError extends BaseError {
  override name = "RpcError";
}

/**
 * The endpoint kept failing in a way that says nothing about the request (connection lost, timeout,
 * 429, 5xx, an internal error): what was asked is still unknown, so no caller may treat it as an answer.
 */
export class RpcUnavailableError extends RpcError {
  override name = "RpcUnavailableError";
}

/**
 * Answers that are the node's decision about the request: asking again gives the same answer. Checked
 * before the transient patterns, because nodes put such decisions under generic codes (anvil answers
 * an invalid opcode or an oversized contract with -32603 "EVM error …"; geth uses -32000 for nearly everything).
 */
const FINAL =
  /revert|evm error|out of gas|gas required exceeds|intrinsic gas|insufficient funds|nonce too (low|high)|nonce is too low|already (known|imported|used)|known transaction|underpriced|replacement|max fee per gas|exceeds block gas limit|invalid (argument|param|opcode|jump|sender|signature|transaction|address)|failed to decode|method not found|not supported|does not exist/i;

/** Codes and messages of overloaded or failing endpoints (EIP-1474's -32603 internal error and -32005 limit exceeded). */
const TRANSIENT_CODES = new Set([-32603, -32005, 429]);
const TRANSIENT =
  /rate.?limit|too many requests|limit exceeded|exceeded .*(capacity|quota|limit)|timeout|timed out|temporar|try again|unavailable|overloaded|busy|internal error|header not found|upstream|capacity|missing from the batch response/i;

/**
 * Whether a JSON-RPC error answer is the endpoint failing (ask again) rather than the node deciding (an answer).
 * The one place that tells them apart: every caller of the RPC client sees transient errors retried and, when
 * they persist, an RpcUnavailableError — never as a revert, a refused transaction or "not found".
 */
export function isTransient(e: RpcErrorBody): boolean {
  if (FINAL.test(e.message)) return false;
  return TRANSIENT_CODES.has(e.code) || TRANSIENT.test(e.message);
}
