import { z } from "zod";
import { address, envRef } from "./common.js";

export const signer = z
  .union([
    z.strictObject({ env: envRef.shape.env }).describe("A hex private key read from this environment variable."),
    z
      .strictObject({ keystore: z.string(), password: envRef })
      .describe("An encrypted JSON keystore in the repo, unlocked with a password from the environment."),
    z
      .strictObject({ devnet: z.number().int().min(0).max(9) })
      .describe("One of the local devnet's public dev accounts (index 0–9). Refused on any other network."),
  ])
  .describe("How to sign: { env: VAR } | { keystore: path, password: { env: VAR } } | { devnet: 0 }.");

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
