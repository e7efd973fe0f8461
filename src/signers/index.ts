import type { z } from "zod";
import type { signer as signerSchema } from "../config/schema/account.js";
import { redact } from "../errors/index.js";
import { devnet } from "./devnet/index.js";
import { signerFrom } from "./digest.js";
import { env } from "./env/index.js";
import { SignerError } from "./errors.js";
import { keystore } from "./keystore/index.js";
import { kms } from "./kms/index.js";
import type { Signer, SignerContext, SignerKind } from "./types.js";
import { vault } from "./vault/index.js";

/** The signer registry: adding a signer kind is adding a folder and a line here. */
export const signers = { env, keystore, devnet, vault, kms } satisfies Record<string, SignerKind>;

export type SignerSpec = z.infer<typeof signerSchema>;
/** A spec as written, before the schema's defaults (vault's mount and token variable). */
export type SignerInput = z.input<typeof signerSchema>;
export { signerFrom } from "./digest.js";
export { SignerError } from "./errors.js";
export type { DigestSignature, SignedTx, Signer, SignerContext, SignerCore, SignerKind, TypedData } from "./types.js";

export function signerKindOf(spec: SignerSpec): SignerKind {
  const kind = (Object.keys(signers) as (keyof typeof signers)[]).find((k) => k in spec);
  if (!kind)
    throw new SignerError(`unknown signer ${JSON.stringify(Object.keys(spec))}`, {
      hint: `Use one of: ${Object.keys(signers).join(", ")}.`,
    });
  return signers[kind] as SignerKind;
}

/** Describes a spec for plans and messages; it carries variable names and paths, never values. */
export function describeSigner(spec: SignerSpec): string {
  return signerKindOf(spec).describe(spec);
}

/**
 * Opens a signer. Whatever goes wrong inside, the error that comes out has been redacted
 * against the key and password, and has no cause chain that could still hold them.
 */
export async function createSigner(given: SignerSpec | SignerInput, ctx: SignerContext): Promise<Signer> {
  const kind = signerKindOf(given as SignerSpec);
  const spec = kind.schema.parse(given);
  const describe = kind.describe(spec);
  try {
    return signerFrom(await kind.open(spec, ctx), describe);
  } catch (e) {
    if (e instanceof SignerError) throw e;
    // What the kind read is not known here when it threw: redact every value of the environment it was given.
    const message = e instanceof Error ? e.message : String(e);
    throw new SignerError(`cannot create signer (${describe})`, { details: redact(message, secretsOf(spec, ctx)) });
  }
}

/** The values of the variables a spec names (a key, a password), with and without 0x: what an error must not repeat. */
function secretsOf(spec: unknown, ctx: SignerContext): string[] {
  const names: string[] = [];
  const walk = (v: unknown): void => {
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) k === "env" && typeof x === "string" ? names.push(x) : walk(x);
  };
  walk(spec);
  return names.flatMap((n) => {
    const value = ctx.env[n]?.trim();
    return value ? [value, value.replace(/^0x/, "")] : [];
  });
}
