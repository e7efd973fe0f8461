import { AbiCoder, Interface, type InterfaceAbi } from "ethers";

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";
const PANIC_CODES: Record<number, string> = {
  1: "assert(false)",
  17: "arithmetic overflow or underflow",
  18: "division or modulo by zero",
  33: "invalid enum value",
  34: "corrupt storage byte array",
  49: "pop() on an empty array",
  50: "array index out of bounds",
  65: "out of memory",
  81: "call to an uninitialized function",
};

/** Revert data carried by a JSON-RPC error (geth, anvil and erigon put it in `data`, some nest it). */
export function revertDataOf(error: { data?: unknown; message?: string }): string | undefined {
  const d = error.data;
  if (typeof d === "string" && d.startsWith("0x")) return d;
  if (d && typeof d === "object" && "data" in d && typeof d.data === "string") return d.data;
  return undefined;
}

/**
 * Turns revert data into words: a custom error from the contract's ABIs (OwnableUnauthorizedAccount(0x…)),
 * the standard Error(string), or a Panic code. Unknown data is shown raw rather than dropped.
 */
export function decodeRevert(data: string | undefined, abis: InterfaceAbi[] = []): string {
  if (!data || data === "0x") return "reverted without a reason";
  const coder = AbiCoder.defaultAbiCoder();
  try {
    if (data.startsWith(ERROR_STRING)) return `Error(${JSON.stringify(coder.decode(["string"], `0x${data.slice(10)}`)[0])})`;
    if (data.startsWith(PANIC)) {
      const code = Number(coder.decode(["uint256"], `0x${data.slice(10)}`)[0]);
      return `Panic(0x${code.toString(16)}): ${PANIC_CODES[code] ?? "unknown panic code"}`;
    }
  } catch {
    // Malformed standard error: fall through to the raw data.
  }
  for (const abi of abis) {
    try {
      const parsed = new Interface(abi).parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map((a) => String(a)).join(", ")})`;
    } catch {
      // Not this ABI's error.
    }
  }
  return `reverted with unknown data ${data.length > 74 ? `${data.slice(0, 74)}…` : data}`;
}
