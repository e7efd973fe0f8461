import type { TransactionRequest } from "ethers";
import type { z } from "zod";
import type { Eip1559Tx } from "./eip1559.js";

/** What a signer kind gets to build a signer: the environment is passed in, never read globally. */
export type SignerContext = {
  env: Record<string, string | undefined>;
  /** The chain the signer will sign for: devnet keys are refused anywhere but a local devnet. */
  chainId: number;
  /** Repo root: keystore paths are relative to it. */
  repoDir: string;
};

/**
 * A ready signer. The key lives only in the closure of `signTransaction`; the object itself
 * prints and serialises as its description, so logging it or putting it in an error is harmless.
 */
export type Signer = {
  readonly address: string;
  /** Where the key comes from, without the key: "env STAGING_DEPLOYER_KEY", "devnet account 0". */
  readonly describe: string;
  signTransaction(tx: TransactionRequest): Promise<string>;
  /** The fast path apply uses: a type-2 tx signed natively, with its hash. */
  signEip1559(tx: Eip1559Tx): { raw: string; hash: string };
  /** Values to strip from any text before it leaves the process (key, password). */
  readonly secrets: readonly string[];
};

/** One folder under src/signers: the config shape it accepts and how to turn it into a key. */
export type SignerKind<S extends z.ZodType = z.ZodType> = {
  kind: string;
  schema: S;
  /** Short description of a spec for messages, without secrets. */
  describe(spec: z.infer<S>): string;
  /** Returns the private key (hex) plus any other secret values used to get it. */
  load(spec: z.infer<S>, ctx: SignerContext): Promise<{ privateKey: string; secrets: string[] }>;
};
