import { getBytes } from "ethers";
import { addressOfKey, secp256k1 } from "../crypto/native.js";
import { signEip1559 } from "./eip1559.js";
import type { SignerCore } from "./types.js";

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

/**
 * The core of a signer whose key is in this process (env, keystore, devnet): the key stays in these
 * closures, and txs take the native fast path (RLP, keccak and libsecp256k1 without ethers' JS curve).
 */
export function localKey(privateKey: string, secrets: string[]): SignerCore {
  const key = getBytes(privateKey);
  return {
    address: addressOfKey(privateKey),
    secrets,
    signDigest: async (digest) => {
      const { signature, recid } = secp256k1.ecdsaSign(getBytes(digest), key);
      return { r: hex(signature.subarray(0, 32)), s: hex(signature.subarray(32, 64)), yParity: recid as 0 | 1 };
    },
    signTransaction: async (tx) => signEip1559(tx, key),
  };
}
