import { z } from "zod";
import { schema as devnetSigner } from "../../signers/devnet/schema.js";
import { schema as envSigner } from "../../signers/env/schema.js";
import { schema as keystoreSigner } from "../../signers/keystore/schema.js";
import { schema as kmsSigner } from "../../signers/kms/schema.js";
import { schema as vaultSigner } from "../../signers/vault/schema.js";
import { address } from "./common.js";

// Each signer kind's schema lives in its folder (src/signers/<kind>/schema.ts, zod only): one definition,
// which the kind parses with and the config (and its JSON Schema) accepts.
export const signer = z
  .union([envSigner, keystoreSigner, devnetSigner, vaultSigner, kmsSigner])
  .describe(
    "How to sign: { env: VAR } | { keystore: path, password: { env: VAR } } | { devnet: 0 } | { vault: { path } } | { kms: { keyId } }.",
  );

export const account = z
  .strictObject({
    address: address
      .optional()
      .describe(
        "A fixed address (multisig, treasury, someone else's EOA). References to the account resolve to it; with a signer too, both must be the same account.",
      ),
    kind: z.enum(["eoa", "multisig", "timelock"]).default("eoa"),
    signer: signer.optional().describe("Default signer, in every environment: it signs the account's transactions."),
    environments: z
      .record(z.string(), z.strictObject({ address: address.optional(), signer: signer.optional() }))
      .optional()
      .describe("Per-environment address or signer, overriding the defaults above."),
  })
  .describe("A named account: an address to refer to, a signer to deploy with, or both.");
