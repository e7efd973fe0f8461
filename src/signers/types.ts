import type { TypedDataDomain, TypedDataField } from "ethers";
import type { z } from "zod";
import type { Eip1559Tx } from "./eip1559.js";

export type { Eip1559Tx } from "./eip1559.js";

/** What a signer kind gets to build a signer: the environment is passed in, never read globally. */
export type SignerContext = {
  env: Record<string, string | undefined>;
  /** The chain the signer will sign for: devnet keys are refused anywhere but a local devnet. */
  chainId: number;
  /** Repo root: keystore paths are relative to it. */
  repoDir: string;
  /** The account being opened, for messages ("account deployer …"). */
  account?: string;
  /** The environment it signs in: raw env keys are refused where `production` is true. */
  environment?: { name: string; production: boolean };
};

/** A secp256k1 signature over a 32-byte digest: low `s` (EIP-2) and the recovery bit, as a tx carries them. */
export type DigestSignature = { r: string; s: string; yParity: 0 | 1 };

/** A signed type-2 tx: the bytes to broadcast and their hash (which the journal stores before sending). */
export type SignedTx = { raw: string; hash: string };

/** EIP-712 typed data, as ethers takes it (the `EIP712Domain` type is implied by `domain`). */
export type TypedData = { domain: TypedDataDomain; types: Record<string, TypedDataField[]>; message: Record<string, unknown> };

/**
 * What apply signs with: an address and signing operations, never a key. Every operation is async so
 * that a signer can live elsewhere (Vault transit, AWS KMS, a hardware wallet) and hand out signatures
 * only. The object prints and serialises as its description, so logging it or putting it in an error
 * is harmless.
 */
export type Signer = {
  readonly address: string;
  /** Where the signatures come from, without any secret: "env STAGING_DEPLOYER_KEY", "devnet account 0". */
  readonly describe: string;
  /** Signs a type-2 (EIP-1559) tx for `tx.chainId`. */
  signTransaction(tx: Eip1559Tx): Promise<SignedTx>;
  /** Signs a 32-byte digest (0x-hex): what a KMS or Vault transit key offers, and all the rest is built on. */
  signDigest(digest: string): Promise<DigestSignature>;
  /** Signs EIP-712 typed data; returns the 65-byte signature (r ‖ s ‖ v) as hex. */
  signTypedData(data: TypedData): Promise<string>;
  /** Values to strip from any text before it leaves the process (key, password); empty for a remote signer. */
  readonly secrets: readonly string[];
};

/**
 * What a signer kind opens: an address and digest signing at least. A kind that holds the key in this
 * process adds a faster `signTransaction` (native RLP and libsecp256k1); the rest is derived (digest.ts).
 */
export type SignerCore = {
  address: string;
  /**
   * Signs a digest. `s` may be high and `yParity` unknown (a KMS returns a bare DER signature): the
   * digest signer normalises to low `s` and finds the recovery bit against `address`.
   */
  signDigest(digest: string): Promise<Omit<DigestSignature, "yParity"> & { yParity?: 0 | 1 }>;
  signTransaction?(tx: Eip1559Tx): Promise<SignedTx>;
  /** Values the signer used to get at its key (key, password), redacted from every message. */
  secrets?: string[];
};

/** One folder under src/signers: the config shape it accepts and how to open a signer for it. */
export type SignerKind<S extends z.ZodType = z.ZodType> = {
  kind: string;
  schema: S;
  /** Short description of a spec for messages, without secrets. */
  describe(spec: z.infer<S>): string;
  /** Opens the signer; secrets it read are returned in `secrets`, the key (if any) stays in closures. */
  open(spec: z.infer<S>, ctx: SignerContext): Promise<SignerCore>;
};
