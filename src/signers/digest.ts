import { inspect } from "node:util";
import { Signature, TypedDataEncoder } from "ethers";
import { recoverAddress } from "../crypto/native.js";
import { eip1559Digest, serializeEip1559 } from "./eip1559.js";
import { SignerError } from "./errors.js";
import type { DigestSignature, Eip1559Tx, Signer, SignerCore } from "./types.js";

/** secp256k1's group order: a signature's `s` above half of it is the malleable twin EIP-2 forbids. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const bytes32 = (hex: string) => Buffer.from(hex.replace(/^0x/, "").padStart(64, "0"), "hex");
const hex32 = (n: bigint) => `0x${n.toString(16).padStart(64, "0")}`;

/**
 * A full signer from a core that may only sign digests (a KMS key, a Vault transit key): the tx and
 * typed-data encodings live here, once, and every signature is brought to low `s` and checked to
 * recover to the signer's address, so a misconfigured key id fails here and not as a tx from a stranger.
 */
export function signerFrom(core: SignerCore, describe: string): Signer {
  const { address } = core;
  const secrets = core.secrets ?? [];
  const signDigest = async (digest: string): Promise<DigestSignature> => {
    const d = bytes32(digest);
    const got = await core.signDigest(digest);
    let s = BigInt(got.s);
    let parity = got.yParity;
    if (s > N / 2n) {
      s = N - s;
      if (parity !== undefined) parity = (parity ^ 1) as 0 | 1;
    }
    const r = hex32(BigInt(got.r));
    const rs = Buffer.concat([bytes32(r), bytes32(hex32(s))]);
    const recover = (v: 0 | 1) => {
      try {
        return recoverAddress(d, rs, v);
      } catch {
        return undefined;
      }
    };
    // Without a recovery bit (KMS), the one of the two candidates that recovers to the address is it.
    const candidates: (0 | 1)[] = parity === undefined ? [0, 1] : [parity];
    const tried = candidates.map((v) => ({ v, from: recover(v) }));
    const match = tried.find((t) => t.from?.toLowerCase() === address.toLowerCase());
    if (!match) {
      const from = tried.find((t) => t.from)?.from;
      throw new SignerError(`${describe} returned a signature that is not ${address}'s`, {
        details: from ? `it recovers to ${from}` : "it is not a valid secp256k1 signature",
        hint: "Check that the signer's key (key id, Vault path) is the one whose address is configured.",
      });
    }
    const sig: DigestSignature = { r, s: hex32(s), yParity: match.v };
    return sig;
  };
  const signTransaction =
    core.signTransaction ??
    (async (tx: Eip1559Tx) => {
      const { fields, digest } = eip1559Digest(tx);
      const sig = await signDigest(`0x${digest.toString("hex")}`);
      return serializeEip1559(fields, sig.yParity, bytes32(sig.r), bytes32(sig.s));
    });
  const signer: Signer = {
    address,
    describe,
    secrets,
    signTransaction: (tx) => signTransaction(tx),
    signDigest,
    signTypedData: async ({ domain, types, message }) => {
      const { EIP712Domain: _, ...rest } = types;
      return Signature.from(await signDigest(TypedDataEncoder.hash(domain, rest, message))).serialized;
    },
  };
  // Keys live only in the core's closures: printing or serialising the signer shows its description.
  Object.defineProperty(signer, "secrets", { enumerable: false, value: secrets });
  Object.defineProperty(signer, "toJSON", { enumerable: false, value: () => ({ address, signer: describe }) });
  Object.defineProperty(signer, inspect.custom, { enumerable: false, value: () => `Signer(${describe} → ${address})` });
  return signer;
}
