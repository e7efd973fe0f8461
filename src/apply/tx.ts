import type { CallResult } from "../chains/evm/client.js";
import { BaseError } from "../errors/index.js";
import type { Signer } from "../signers/index.js";
import type { TxSignedEvent } from "./events.js";
import type { Fees } from "./fees.js";

/** The node refused a tx, or a tx cannot be rebroadcast or replaced: the message names the step and nonce. */
export class TxFailedError extends BaseError {
  override name = "TxFailedError";
}

export type UnsignedTx = { to?: string; data: string; nonce: number; gasLimit: bigint };

/** Signs a type-2 tx and describes it as the journal stores it (hash and raw before broadcast). */
export async function signTx(signer: Signer, chainId: number, step: string, tx: UnsignedTx, fees: Fees): Promise<TxSignedEvent> {
  const { raw, hash } = await signer.signTransaction({
    chainId,
    nonce: tx.nonce,
    to: tx.to ?? null,
    data: tx.data,
    gasLimit: tx.gasLimit,
    maxFeePerGas: fees.maxFeePerGas,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
  });
  return {
    type: "tx-signed",
    step,
    hash,
    nonce: tx.nonce,
    raw,
    gasLimit: tx.gasLimit.toString(),
    maxFeePerGas: fees.maxFeePerGas.toString(),
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
  };
}

export type SendOutcome = "accepted" | "underpriced" | "nonce-too-low" | "error";

/**
 * Classifies eth_sendRawTransaction answers. "already known" means the node has this exact tx:
 * that is success, not an error (a resumed apply rebroadcasting, or a retried request).
 */
export function classifySend(res: CallResult): { outcome: SendOutcome; message?: string } {
  if (res.ok) return { outcome: "accepted" };
  const m = res.error.message.toLowerCase();
  if (m.includes("already known") || m.includes("already imported") || m.includes("known transaction")) return { outcome: "accepted" };
  if (m.includes("underpriced")) return { outcome: "underpriced", message: res.error.message };
  if (m.includes("nonce too low") || m.includes("nonce is too low") || m.includes("already used")) {
    return { outcome: "nonce-too-low", message: res.error.message };
  }
  return { outcome: "error", message: res.error.message };
}
