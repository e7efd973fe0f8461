import { readFile } from "node:fs/promises";
import path from "node:path";
import { Wallet } from "ethers";
import { SignerError } from "../errors.js";
import { localKey } from "../local.js";
import type { SignerKind } from "../types.js";
import { schema } from "./schema.js";

/** An encrypted JSON keystore (Web3 Secret Storage v3, as geth, cast and ethers write it). */
export const keystore: SignerKind<typeof schema> = {
  kind: "keystore",
  schema,
  describe: (spec) => `keystore ${spec.keystore}`,
  async open(spec, ctx) {
    const password = ctx.env[spec.password.env];
    if (password === undefined) {
      throw new SignerError(`environment variable ${spec.password.env} is not set`, {
        hint: `Export ${spec.password.env} with the password of ${spec.keystore}.`,
      });
    }
    const file = path.resolve(ctx.repoDir, spec.keystore);
    const json = await readFile(file, "utf8").catch((cause) => {
      throw new SignerError(`cannot read keystore ${spec.keystore}`, { hint: "The path is relative to the repo root.", cause });
    });
    try {
      const wallet = await Wallet.fromEncryptedJson(json, password);
      return localKey(wallet.privateKey, [wallet.privateKey, wallet.privateKey.slice(2), password]);
    } catch {
      // The cause is dropped on purpose: ethers' decryption errors can quote their inputs.
      throw new SignerError(`cannot decrypt keystore ${spec.keystore}`, {
        hint: `Check that ${spec.password.env} holds its password and that the file is a JSON v3 keystore.`,
      });
    }
  },
};
