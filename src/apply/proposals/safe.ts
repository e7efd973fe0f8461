import { getAddress, Interface } from "ethers";
import type { Rpc } from "../../chains/evm/client.js";
import { type Call, SAFE_ABI, type SafeTx, safeTxHash, safeTxOf, safeTxTypedData } from "../../chains/evm/safe/safeTx.js";
import { BaseError, redact } from "../../errors/index.js";
import type { Signer } from "../../signers/index.js";

/** A call the Safe is asked to make, with what it means in words and decoded arguments, for the reviewer. */
export type ProposedCall = Call & { description: string; method?: string; args?: Record<string, string> };

/** What w3o hands the Safe's owners instead of sending: the SafeTx, its hash, and each call decoded. */
export type SafeProposal = {
  safe: string;
  chainId: number;
  safeVersion: string;
  safeTxHash: string;
  tx: SafeTx;
  calls: ProposedCall[];
};

export class SafeProposalError extends BaseError {
  override name = "SafeProposalError";
}

const safe = new Interface(SAFE_ABI);

/**
 * Reads the Safe's VERSION() and nonce() (one JSON-RPC batch) and builds the SafeTx of `calls` at that
 * nonce, with the hash its owners sign. A call's `method` and `args` are decoded from its data with
 * `abi` when given, so the proposal says "transferOwnership(newOwner: 0x…)" rather than only bytes.
 */
export async function buildSafeProposal(
  rpc: Rpc,
  o: { safe: string; chainId: number; calls: ProposedCall[]; multiSendCallOnly: string; abi?: Interface },
): Promise<SafeProposal> {
  const to = getAddress(o.safe);
  const [version, nonce] = await rpc.batch<string>([
    { method: "eth_call", params: [{ to, data: safe.encodeFunctionData("VERSION") }, "latest"] },
    { method: "eth_call", params: [{ to, data: safe.encodeFunctionData("nonce") }, "latest"] },
  ]);
  if (!version?.ok || !nonce?.ok || version.result === "0x") {
    throw new SafeProposalError(`${to} does not answer as a Safe (VERSION(), nonce())`, {
      hint: "The owner must be a Safe (1.0.0 or later) on this network: check the account's address.",
    });
  }
  const safeVersion = String(safe.decodeFunctionResult("VERSION", version.result)[0]);
  const calls = o.calls.map((c) => ({ ...c, ...decode(c.data, o.abi) }));
  const tx = safeTxOf(calls, Number(safe.decodeFunctionResult("nonce", nonce.result)[0]), o.multiSendCallOnly);
  return { safe: to, chainId: o.chainId, safeVersion, safeTxHash: safeTxHash(to, o.chainId, safeVersion, tx), tx, calls };
}

function decode(data: string, abi: Interface | undefined): Pick<ProposedCall, "method" | "args"> {
  const parsed = abi?.parseTransaction({ data });
  if (!parsed) return {};
  const args = Object.fromEntries(parsed.fragment.inputs.map((p, i) => [p.name || `arg${i}`, String(parsed.args[i])]));
  return { method: parsed.signature, args };
}

/**
 * The proposal as a Safe{Wallet} Transaction Builder batch file (Import in the Transaction Builder app,
 * then sign with the owners' wallets, a Ledger or Trezor among them).
 */
export function transactionBuilderBatch(p: SafeProposal, name: string, createdAt: number) {
  return {
    version: "1.0",
    chainId: String(p.chainId),
    createdAt,
    meta: { name, description: p.calls.map((c) => c.description).join("; "), txBuilderVersion: "1.18.0", createdFromSafeAddress: p.safe },
    transactions: p.calls.map((c) => ({ to: getAddress(c.to), value: String(c.value ?? 0n), data: c.data })),
  };
}

/**
 * Proposes to a Safe Transaction Service (`POST {url}/api/v1/safes/{safe}/multisig-transactions/`): the
 * SafeTx, its hash, and the signature of `proposer` (an owner or a delegate of the Safe, which the
 * service requires). The proposal then shows in the Safe app's queue for the other owners.
 */
export async function proposeToService(url: string, p: SafeProposal, proposer: Signer, origin = "w3o"): Promise<void> {
  const { domain, types, message } = safeTxTypedData(p.safe, p.chainId, p.safeVersion, p.tx);
  const signature = await proposer.signTypedData({ domain, types, message });
  const body = { ...p.tx, contractTransactionHash: p.safeTxHash, sender: getAddress(proposer.address), signature, origin };
  const endpoint = new URL(`api/v1/safes/${p.safe}/multisig-transactions/`, url.endsWith("/") ? url : `${url}/`);
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  }).catch((e: unknown) => {
    throw new SafeProposalError(`cannot reach the Safe Transaction Service at ${redact(url)}`, { details: redact(String(e)) });
  });
  if (!res.ok) {
    throw new SafeProposalError(`the Safe Transaction Service refused the proposal (${res.status})`, {
      details: redact((await res.text()).slice(0, 500), proposer.secrets),
      hint: `The proposer ${proposer.address} must be an owner or a delegate of ${p.safe}.`,
    });
  }
}
