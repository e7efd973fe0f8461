import { getAddress, Interface, solidityPacked, TypedDataEncoder, ZeroAddress } from "ethers";

/** A Safe transaction as the Safe contract hashes and executes it (`execTransaction`'s parameters but the signatures). */
export type SafeTx = {
  to: string;
  value: string;
  data: string;
  /** 0 call, 1 delegatecall (a MultiSend batch). */
  operation: 0 | 1;
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  nonce: number;
};

/** One call of a batch, before it becomes a SafeTx. */
export type Call = { to: string; value?: bigint; data: string };

const SAFE_TX_TYPES = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

const semver = (v: string) => v.split(".").map((n) => Number.parseInt(n, 10));
const atLeast = (v: string, min: string) => {
  const [a, b] = [semver(v), semver(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/**
 * The EIP-712 typed data of a SafeTx, as the Safe of `version` (its VERSION()) hashes it: from 1.3.0 the
 * domain has the chain id; 1.0.0 to 1.2.0 have only the verifying contract. Before 1.0.0 the type
 * said `dataGas`, and those Safes are refused.
 */
export function safeTxTypedData(safe: string, chainId: number, version: string, tx: SafeTx) {
  if (!atLeast(version, "1.0.0")) throw new Error(`Safe ${version} is not supported (1.0.0 or later)`);
  const domain = atLeast(version, "1.3.0") ? { chainId, verifyingContract: getAddress(safe) } : { verifyingContract: getAddress(safe) };
  return { domain, types: SAFE_TX_TYPES, message: tx as unknown as Record<string, unknown> };
}

/** The hash the owners sign and `getTransactionHash` returns. */
export function safeTxHash(safe: string, chainId: number, version: string, tx: SafeTx): string {
  const { domain, types, message } = safeTxTypedData(safe, chainId, version, tx);
  return TypedDataEncoder.hash(domain, types, message);
}

const multiSend = new Interface(["function multiSend(bytes transactions) payable"]);

/**
 * The SafeTx for calls made by the Safe: one call as it is, several as one delegatecall to
 * MultiSendCallOnly (each call packed as operation ‖ to ‖ value ‖ data length ‖ data), as the Safe app's
 * Transaction Builder sends a batch. Gas fields are 0: the executor pays, with no refund.
 */
export function safeTxOf(calls: Call[], nonce: number, multiSendCallOnly: string): SafeTx {
  const base = { safeTxGas: "0", baseGas: "0", gasPrice: "0", gasToken: ZeroAddress, refundReceiver: ZeroAddress, nonce };
  if (calls.length === 1) {
    const [c] = calls as [Call];
    return { ...base, to: getAddress(c.to), value: String(c.value ?? 0n), data: c.data, operation: 0 };
  }
  const packed = calls.map((c) =>
    solidityPacked(["uint8", "address", "uint256", "uint256", "bytes"], [0, c.to, c.value ?? 0n, (c.data.length - 2) / 2, c.data]),
  );
  const data = multiSend.encodeFunctionData("multiSend", [`0x${packed.map((p) => p.slice(2)).join("")}`]);
  return { ...base, to: getAddress(multiSendCallOnly), value: "0", data, operation: 1 };
}

/**
 * Owners' signatures as `execTransaction` takes them: 65 bytes each (r ‖ s ‖ v, v 27/28 for an EIP-712
 * signature), sorted by owner address ascending, which the Safe checks.
 */
export function packSignatures(sigs: { owner: string; signature: string }[]): string {
  const sorted = [...sigs].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
  return `0x${sorted.map((s) => s.signature.slice(2)).join("")}`;
}

/** The SafeTx as getTransactionHash's arguments; execTransaction takes the same with the signatures instead of the nonce. */
export const safeTxArgs = (t: SafeTx) =>
  [t.to, t.value, t.data, t.operation, t.safeTxGas, t.baseGas, t.gasPrice, t.gasToken, t.refundReceiver] as const;

export const SAFE_ABI = [
  "function VERSION() view returns (string)",
  "function nonce() view returns (uint256)",
  "function getThreshold() view returns (uint256)",
  "function getOwners() view returns (address[])",
  "function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)",
  "function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)",
];
