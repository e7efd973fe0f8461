import { z } from "zod";
import { envRef } from "../../config/schema/common.js";

export const schema = z
  .strictObject({
    vault: z
      .strictObject({
        path: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "a KV path such as w3o/prod/deployer (no leading slash, no data/)")
          .describe("The secret's path inside the KV v2 mount, e.g. w3o/prod/deployer."),
        mount: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+$/)
          .default("secret")
          .describe("The KV v2 engine's mount path. Default secret."),
        address: z
          .string()
          .url()
          .optional()
          .describe("Vault's address, e.g. https://vault.acme.internal:8200. Default: the VAULT_ADDR variable."),
        token: envRef.default({ env: "VAULT_TOKEN" }).describe("The variable holding the Vault token. Default VAULT_TOKEN."),
        namespace: z.string().optional().describe("Vault Enterprise / HCP namespace (sent as X-Vault-Namespace)."),
        version: z.number().int().min(1).optional().describe("Pin a version of the secret. Default: the latest."),
      })
      .describe(
        "The secret holds privateKey, or keystore (JSON v3) and password. Vault's transit engine has no secp256k1 keys, so KV is how Vault holds an Ethereum key.",
      ),
  })
  .describe("A key held in HashiCorp Vault's KV v2 engine, read with a token from the environment.");
