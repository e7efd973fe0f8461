import { SignerError } from "../errors.js";
import { localKey } from "../local.js";
import type { SignerKind } from "../types.js";
import { schema } from "./schema.js";

/**
 * A raw key in a variable is one leaked CI log or one `env` dump away from the chain: production wants a
 * key that never leaves its store (KMS) or at least one that is encrypted at rest. The same words at
 * validation (config/references.ts) and when apply opens the signer.
 */
export function envKeyInProduction(account: string, environment: string, variable: string): SignerError {
  return new SignerError(`account "${account}" signs with a raw private key from ${variable} in production environment "${environment}"`, {
    hint: `Use a signer whose key is not in a variable: { kms: { keyId: … } }, { vault: { path: … } } or a keystore, under accounts.${account}.environments.${environment}.signer; or, accepting the risk, write { env: ${variable}, allowInProduction: true }.`,
  });
}

/** A hex private key in an environment variable: what CI secrets and vaults inject. */
export const env: SignerKind<typeof schema> = {
  kind: "env",
  schema,
  describe: (spec) => `env ${spec.env}`,
  async open(spec, ctx) {
    if (ctx.environment?.production && !spec.allowInProduction)
      throw envKeyInProduction(ctx.account ?? "?", ctx.environment.name, spec.env);
    const raw = ctx.env[spec.env]?.trim();
    if (!raw) {
      throw new SignerError(`environment variable ${spec.env} is not set`, {
        hint: `Export ${spec.env} with the deployer's private key (0x followed by 64 hex digits), e.g. from your CI secrets.`,
      });
    }
    const privateKey = raw.startsWith("0x") ? raw : `0x${raw}`;
    if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) {
      // Never echo the value: it may be a key with a typo in it.
      throw new SignerError(`environment variable ${spec.env} does not hold a private key`, {
        hint: "It must be 64 hex digits, optionally prefixed with 0x.",
      });
    }
    return localKey(privateKey, [raw, privateKey, privateKey.slice(2)]);
  },
};
