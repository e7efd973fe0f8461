import { inspect } from "node:util";
import { getBytes, Wallet } from "ethers";
import type { z } from "zod";
import type { signer as signerSchema } from "../config/schema/account.js";
import { addressOfKey } from "../crypto/native.js";
import { redact } from "../errors/index.js";
import { devnet } from "./devnet/index.js";
import { signEip1559 } from "./eip1559.js";
import { env } from "./env/index.js";
import { SignerError } from "./errors.js";
import { keystore } from "./keystore/index.js";
import type { Signer, SignerContext, SignerKind } from "./types.js";

/** The signer registry: adding a signer kind is adding a folder and a line here. */
export const signers = { env, keystore, devnet } satisfies Record<string, SignerKind>;

export type SignerSpec = z.infer<typeof signerSchema>;
export { SignerError } from "./errors.js";
export type { Signer, SignerContext, SignerKind } from "./types.js";

export function signerKindOf(spec: SignerSpec): SignerKind {
  const kind = (Object.keys(signers) as (keyof typeof signers)[]).find((k) => k in spec);
  if (!kind) throw new SignerError(`unknown signer ${JSON.stringify(Object.keys(spec))}`, { hint: "Use env, keystore or devnet." });
  return signers[kind] as SignerKind;
}

/** Describes a spec for plans and messages; it carries variable names and paths, never values. */
export function describeSigner(spec: SignerSpec): string {
  return signerKindOf(spec).describe(spec);
}

/**
 * Builds a signer. Whatever goes wrong inside, the error that comes out has been redacted
 * against the key and password, and has no cause chain that could still hold them.
 */
export async function createSigner(spec: SignerSpec, ctx: SignerContext): Promise<Signer> {
  const kind = signerKindOf(spec);
  const describe = kind.describe(spec);
  let secrets: string[] = [];
  try {
    const loaded = await kind.load(kind.schema.parse(spec), ctx);
    secrets = loaded.secrets;
    const address = addressOfKey(loaded.privateKey);
    const keyBytes = getBytes(loaded.privateKey);
    let wallet: Wallet | undefined; // ethers' signer, for other tx types: built (curve tables and all) only if asked
    const signer: Signer = {
      address,
      describe,
      secrets,
      signTransaction: (tx) => {
        wallet ??= new Wallet(loaded.privateKey);
        return wallet.signTransaction(tx);
      },
      signEip1559: (tx) => signEip1559(tx, keyBytes),
    };
    // The wallet is reachable only from the closure above: printing or serialising the signer shows no key.
    Object.defineProperty(signer, "secrets", { enumerable: false, value: secrets });
    Object.defineProperty(signer, "toJSON", { enumerable: false, value: () => ({ address, signer: describe }) });
    Object.defineProperty(signer, inspect.custom, { enumerable: false, value: () => `Signer(${describe} → ${address})` });
    return signer;
  } catch (e) {
    if (e instanceof SignerError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new SignerError(`cannot create signer (${describe})`, { details: redact(message, secrets) });
  }
}
