import { hexlify, keccak256, randomBytes, Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { addressOfKey, keccakHex } from "../../src/crypto/native.js";
import { devAccounts } from "../../src/devnet/index.js";

describe("keccakHex", () => {
  it("hashes 0x-hex exactly as ethers does, for empty, small and bytecode-sized inputs", () => {
    for (const size of [0, 1, 32, 135, 136, 24_576]) {
      const hex = hexlify(randomBytes(size));
      expect(keccakHex(hex)).toBe(keccak256(hex));
      expect(keccakHex(hex.slice(2))).toBe(keccak256(hex));
    }
  });
});

describe("addressOfKey", () => {
  it("gives the checksummed address ethers' Wallet gives, with or without 0x", () => {
    const keys = [...devAccounts(3).map((a) => a.privateKey), ...Array.from({ length: 20 }, () => hexlify(randomBytes(32)))];
    for (const key of keys) {
      const expected = new Wallet(key).address;
      expect(addressOfKey(key)).toBe(expected);
      expect(addressOfKey(key.slice(2))).toBe(expected);
    }
  });

  it("refuses what is not a private key: zero, the curve order, wrong length, not hex", () => {
    const n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    for (const bad of [`0x${"0".repeat(64)}`, `0x${n}`, `0x${"11".repeat(31)}`, `0x${"11".repeat(33)}`, `0x${"zz".repeat(32)}`]) {
      expect(() => addressOfKey(bad), bad).toThrow();
    }
  });
});
