import { createRequire } from "node:module";
import path from "node:path";
import { getAddress, keccak256 } from "ethers";

/**
 * Native keccak256 and secp256k1 (libsecp256k1 bindings with prebuilt binaries, already in the tree through
 * @openzeppelin/upgrades-core). ethers' pure-JS versions cost ~1.2 ms per 5 KB hash and ~1 ms per
 * signature; an apply of 100 contracts hashes each creation code several times and signs every tx, so
 * that was most of its wall time.
 */
const require = createRequire(import.meta.url);

/** The addon's sponge: the `keccak` package wraps it in a stream object per hash, which costs more than hashing an address. */
type KeccakState = { initialize(rate: number, capacity: number): void; absorb(data: Buffer): void; squeeze(length: number): Buffer };
type Secp = {
  ecdsaSign(msg: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  publicKeyCreate(key: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaRecover(signature: Uint8Array, recid: number, msg: Uint8Array, compressed: boolean): Uint8Array;
  /** A DER-encoded ECDSA signature (what KMS and HSMs return) as 64 bytes r ‖ s; throws on malformed DER. */
  signatureImport(der: Uint8Array): Uint8Array;
  /** 64 bytes r ‖ s as DER. */
  signatureExport(signature: Uint8Array): Uint8Array;
};

/**
 * The addon where this platform has one; keccak's own JS sponge (same interface, ~10× slower) where it has
 * none, and in the Action's bundle, which ships no native code.
 */
function keccakState(): new () => KeccakState {
  try {
    const keccakDir = path.dirname(require.resolve("keccak/package.json"));
    const addon = createRequire(path.join(keccakDir, "package.json"))("node-gyp-build")(keccakDir);
    if (typeof addon === "function") return addon;
  } catch {}
  return require("keccak/lib/keccak.js");
}

const sponge = new (keccakState())();
/** libsecp256k1's bindings; the package itself falls back to its elliptic (JS) version when they do not load. */
export const secp256k1 = require("secp256k1") as Secp;

/**
 * Every ethers keccak256 in the process (checksummed addresses above all: plan checksums each address it
 * resolves, ~25 µs apiece in JS) goes through the native sponge. ethers' hash functions are process-wide
 * hooks; plan, apply and verify all import this module, so registering on import covers every path.
 */
keccak256.register((data: Uint8Array) => new Uint8Array(nativeKeccak(Buffer.from(data.buffer, data.byteOffset, data.byteLength))));

/** keccak256 (rate 1088, capacity 512; the addon pads). Synchronous, so one sponge serves every call. */
export function nativeKeccak(data: Buffer): Buffer {
  sponge.initialize(1088, 512);
  sponge.absorb(data);
  return sponge.squeeze(32);
}

/**
 * keccak256 of a 0x-hex string. ethers' own keccak256 parses hex character by character, which
 * dominates hashing whole bytecodes (tens of KB each, hundreds per apply); Buffer decodes natively.
 */
export const keccakHex = (hex: string): string =>
  `0x${nativeKeccak(Buffer.from(hex.startsWith("0x") ? hex.slice(2) : hex, "hex")).toString("hex")}`;

/**
 * The address of a hex private key: its uncompressed public key from libsecp256k1, keccak'd. ethers'
 * Wallet derives it in JS and, the first time in a process, builds curve tables for ~40 ms: the
 * price every CLI command with a signer paid. Throws on a key that is not 32 bytes or not on the curve.
 */
export function addressOfKey(privateKey: string): string {
  const key = Buffer.from(privateKey.startsWith("0x") ? privateKey.slice(2) : privateKey, "hex");
  return addressOfPublicKey(secp256k1.publicKeyCreate(key, false));
}

/** The address that made a signature (64 bytes r ‖ s) of a 32-byte digest; throws when it is not a valid signature. */
export function recoverAddress(digest: Uint8Array, signature: Uint8Array, recid: number): string {
  return addressOfPublicKey(secp256k1.ecdsaRecover(signature, recid, digest, false));
}

/** The address of an uncompressed public key (0x04 ‖ X ‖ Y, 65 bytes). */
export function addressOfPublicKey(publicKey: Uint8Array): string {
  return getAddress(
    `0x${nativeKeccak(Buffer.from(publicKey.subarray(1)))
      .subarray(12)
      .toString("hex")}`,
  );
}
