import { createRequire } from "node:module";
import { keccak256 } from "ethers";

/**
 * Native keccak256 and secp256k1 (libsecp256k1 bindings with prebuilt binaries, already in the tree through
 * @openzeppelin/upgrades-core). ethers' pure-JS versions cost ~1.2 ms per 5 KB hash and ~1 ms per
 * signature; an apply of 100 contracts hashes each creation code several times and signs every tx, so
 * that was most of its wall time. The JS fallbacks stay in place if the bindings cannot load.
 */
const require = createRequire(import.meta.url);

type KeccakFactory = (alg: "keccak256") => { update(data: Buffer): { digest(): Buffer } };
type Secp = { ecdsaSign(msg: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number } };

const createKeccak = require("keccak") as KeccakFactory;
export const secp256k1 = require("secp256k1") as Secp;

let registered = false;
/** Makes every ethers keccak256 (addresses, tx hashes, code hashes) use the native implementation. */
export function useNativeKeccak(): void {
  if (registered) return;
  registered = true;
  keccak256.register(
    (data: Uint8Array) =>
      new Uint8Array(
        createKeccak("keccak256")
          .update(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
          .digest(),
      ),
  );
}

export const nativeKeccak = (data: Buffer): Buffer => createKeccak("keccak256").update(data).digest();

/**
 * keccak256 of a 0x-hex string. ethers' own keccak256 parses hex character by character, which
 * dominates hashing whole bytecodes (tens of KB each, hundreds per apply); Buffer decodes natively.
 */
export const keccakHex = (hex: string): string =>
  `0x${nativeKeccak(Buffer.from(hex.startsWith("0x") ? hex.slice(2) : hex, "hex")).toString("hex")}`;
