import { hexlify, keccak256, randomBytes } from "ethers";
import { describe, expect, it } from "vitest";
import { keccakHex } from "../../src/crypto/native.js";

describe("keccakHex", () => {
  it("hashes 0x-hex exactly as ethers does, for empty, small and bytecode-sized inputs", () => {
    for (const size of [0, 1, 32, 135, 136, 24_576]) {
      const hex = hexlify(randomBytes(size));
      expect(keccakHex(hex)).toBe(keccak256(hex));
      expect(keccakHex(hex.slice(2))).toBe(keccak256(hex));
    }
  });
});
