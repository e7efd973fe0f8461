import { keccak256 } from "ethers";
import type { Hex, ImmutableReferences } from "./types.js";

const toBytes = (code: string) => Buffer.from(code.startsWith("0x") ? code.slice(2) : code, "hex");

/**
 * Length of the code without the CBOR-encoded metadata solc appends (its length is the last
 * 2 bytes, big-endian). The metadata hashes the sources, comments included, so two builds that
 * differ only in a comment differ only there. Without a plausible trailer (too short, not a
 * CBOR map) nothing is cut.
 */
function codeEnd(bytes: Uint8Array): number {
  if (bytes.length < 2) return bytes.length;
  const cbor = ((bytes[bytes.length - 2] as number) << 8) | (bytes[bytes.length - 1] as number);
  const cut = bytes.length - 2 - cbor;
  if (cbor === 0 || cut < 0) return bytes.length;
  const first = bytes[cut] as number;
  // CBOR maps of 1..15 entries start with 0xa1..0xaf; solc writes 1-3 (ipfs/bzzr, solc, experimental).
  return first >= 0xa1 && first <= 0xaf ? cut : bytes.length;
}

export function stripMetadata(code: string): Hex {
  const bytes = toBytes(code);
  return `0x${bytes.subarray(0, codeEnd(bytes)).toString("hex")}`;
}

/** Zeroes the bytes where the constructor writes immutables, so live code compares with compiled code. */
export function zeroImmutables(code: string, refs: ImmutableReferences = {}): Hex {
  return `0x${zeroed(toBytes(code), refs).toString("hex")}`;
}

function zeroed(bytes: Buffer, refs: ImmutableReferences): Buffer {
  for (const ranges of Object.values(refs))
    for (const { start, length } of ranges) bytes.fill(0, start, Math.min(start + length, bytes.length));
  return bytes;
}

/** keccak256 of runtime code without metadata and with immutables zeroed: what "same code" means to w3o. */
export function strippedCodeHash(runtimeCode: string, immutableReferences: ImmutableReferences = {}): Hex {
  const bytes = zeroed(toBytes(runtimeCode), immutableReferences);
  return keccak256(bytes.subarray(0, codeEnd(bytes))) as Hex;
}
