import { keccak256 } from "ethers";
import type { Hex, ImmutableReferences } from "./types.js";

const hexBody = (code: string) => (code.startsWith("0x") ? code.slice(2) : code).toLowerCase();

/**
 * Removes the CBOR-encoded metadata solc appends to runtime code (its length is the last
 * 2 bytes, big-endian). The metadata hashes the sources, comments included, so two builds
 * that differ only in a comment differ only there. Code without a plausible trailer
 * (too short, or not a CBOR map) is returned unchanged.
 */
export function stripMetadata(code: string): Hex {
  const body = hexBody(code);
  if (body.length < 4) return `0x${body}`;
  const cborBytes = Number.parseInt(body.slice(-4), 16);
  const cut = body.length - 4 - cborBytes * 2;
  if (cborBytes === 0 || cut < 0) return `0x${body}`;
  const first = Number.parseInt(body.slice(cut, cut + 2), 16);
  // CBOR maps of 1..15 entries start with 0xa1..0xaf; solc writes 1-3 (ipfs/bzzr, solc, experimental).
  if (first < 0xa1 || first > 0xaf) return `0x${body}`;
  return `0x${body.slice(0, cut)}`;
}

/** Zeroes the bytes where the constructor writes immutables, so live code compares with compiled code. */
export function zeroImmutables(code: string, refs: ImmutableReferences = {}): Hex {
  const chars = hexBody(code).split("");
  for (const ranges of Object.values(refs)) {
    for (const { start, length } of ranges) {
      for (let i = start * 2; i < (start + length) * 2 && i < chars.length; i++) chars[i] = "0";
    }
  }
  return `0x${chars.join("")}`;
}

/** keccak256 of runtime code without metadata and with immutables zeroed: what "same code" means to w3o. */
export function strippedCodeHash(runtimeCode: string, immutableReferences: ImmutableReferences = {}): Hex {
  return keccak256(stripMetadata(zeroImmutables(runtimeCode, immutableReferences))) as Hex;
}
