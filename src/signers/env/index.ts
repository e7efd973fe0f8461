import { z } from "zod";
import { envRef } from "../../config/schema/common.js";
import { SignerError } from "../errors.js";
import { localKey } from "../local.js";
import type { SignerKind } from "../types.js";

const schema = z.strictObject({ env: envRef.shape.env });

/** A hex private key in an environment variable: what CI secrets and vaults inject. */
export const env: SignerKind<typeof schema> = {
  kind: "env",
  schema,
  describe: (spec) => `env ${spec.env}`,
  async open(spec, ctx) {
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
