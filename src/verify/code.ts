import { getBytes, hexlify, keccak256 } from "ethers";

export type ImmutableRef = { start: number; length: number };

/**
 * Strips the CBOR metadata solc appends (its length is the last two bytes) so that a
 * recompilation with another metadata hash still matches.
 */
export function stripMetadata(code: string): string {
  const bytes = getBytes(code);
  if (bytes.length < 2) return hexlify(bytes);
  const len = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
  const start = bytes.length - 2 - len;
  // A CBOR map header (0xa1..0xa5) is where solc's metadata starts.
  if (len === 0 || start < 0 || bytes[start]! < 0xa1 || bytes[start]! > 0xa5) return hexlify(bytes);
  return hexlify(bytes.slice(0, start));
}

/** Zeroes immutable values (set at construction, so they differ per deployment) at solc's immutableReferences. */
export function zeroImmutables(code: string, refs: ImmutableRef[]): string {
  const bytes = getBytes(code).slice();
  for (const r of refs) bytes.fill(0, r.start, r.start + r.length);
  return hexlify(bytes);
}

/** The hash deployment records store: keccak256 of the runtime code, immutables zeroed, metadata stripped. */
export function codeHash(code: string, immutables: ImmutableRef[] = []): string {
  return keccak256(stripMetadata(zeroImmutables(code, immutables)));
}
