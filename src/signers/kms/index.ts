import { createPublicKey } from "node:crypto";
import { getBytes } from "ethers";
import { addressOfPublicKey, secp256k1 } from "../../crypto/native.js";
import { redact } from "../../errors/index.js";
import { SignerError } from "../errors.js";
import type { SignerKind } from "../types.js";
import { schema } from "./schema.js";

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;

/**
 * The address of a KMS public key: KMS hands out a DER SubjectPublicKeyInfo; node's parser checks the
 * curve, and X ‖ Y of the point keccak'd is the address. Anything but secp256k1 is refused here, not at
 * the first signature.
 */
export function addressOfSpki(der: Uint8Array): string {
  const key = createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" });
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== "ec" || curve !== "secp256k1") {
    throw new SignerError(`the key is ${curve ?? key.asymmetricKeyType}, not secp256k1`, {
      hint: "Create the KMS key with key spec ECC_SECG_P256K1 and key usage SIGN_VERIFY: Ethereum signs with secp256k1 only.",
    });
  }
  const jwk = key.export({ format: "jwk" });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x as string, "base64url"), Buffer.from(jwk.y as string, "base64url")]);
  return addressOfPublicKey(point);
}

/**
 * An AWS KMS `ECC_SECG_P256K1` key: GetPublicKey gives the address once, then every digest is sent to
 * Sign (MessageType DIGEST, ECDSA_SHA_256: KMS signs the 32 bytes as they are) and comes back as a DER
 * signature, which this parses; the digest signer brings `s` low and finds the recovery bit (digest.ts).
 * Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) from the environment w3o
 * is given, else the SDK's default chain (an instance or pod role, SSO, ~/.aws), which is how it runs in AWS.
 */
export const kms: SignerKind<typeof schema> = {
  kind: "kms",
  schema,
  describe: (spec) => `kms ${spec.kms.keyId}`,
  async open(spec, ctx) {
    const { keyId } = spec.kms;
    const env = ctx.env;
    const region = spec.kms.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new SignerError(`kms ${keyId}: no region`, { hint: "Write kms: { keyId, region: eu-west-1 } or set AWS_REGION." });
    }
    const secrets = [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].filter((s): s is string => !!s);
    const credentials =
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN }
        : undefined;
    // Loaded when a KMS signer opens: every other command and signer starts without the SDK (~200 modules).
    const { GetPublicKeyCommand, KMSClient, SignCommand } = await import("@aws-sdk/client-kms");
    const client = new KMSClient({ region, endpoint: spec.kms.endpoint ?? env.AWS_ENDPOINT_URL_KMS ?? env.AWS_ENDPOINT_URL, credentials });
    // The SDK's messages name the key and the failure (AccessDenied, NotFound); the redaction is for the credentials.
    const failed = (what: string, e: unknown) =>
      new SignerError(`kms ${keyId}: ${what} failed`, {
        details: redact(`${(e as Error)?.name ?? "Error"}: ${(e as Error)?.message ?? String(e)}`, secrets),
        hint: "Check the key id and region, and that the credentials may call kms:GetPublicKey and kms:Sign on this key.",
      });
    const pub = await client.send(new GetPublicKeyCommand({ KeyId: keyId })).catch((e: unknown) => {
      throw failed("GetPublicKey", e);
    });
    if (pub.KeySpec !== "ECC_SECG_P256K1" || pub.KeyUsage !== "SIGN_VERIFY" || !pub.PublicKey) {
      throw new SignerError(`kms ${keyId} is a ${pub.KeySpec ?? "?"} key for ${pub.KeyUsage ?? "?"}, not ECC_SECG_P256K1 for SIGN_VERIFY`, {
        hint: "Ethereum needs a secp256k1 signing key: aws kms create-key --key-spec ECC_SECG_P256K1 --key-usage SIGN_VERIFY.",
      });
    }
    const address = addressOfSpki(pub.PublicKey);
    return {
      address,
      secrets,
      signDigest: async (digest) => {
        const out = await client
          .send(new SignCommand({ KeyId: keyId, Message: getBytes(digest), MessageType: "DIGEST", SigningAlgorithm: "ECDSA_SHA_256" }))
          .catch((e: unknown) => {
            throw failed("Sign", e);
          });
        if (!out.Signature) throw new SignerError(`kms ${keyId}: Sign returned no signature`);
        let rs: Uint8Array;
        try {
          rs = secp256k1.signatureImport(out.Signature);
        } catch {
          throw new SignerError(`kms ${keyId}: Sign returned a signature that is not DER`);
        }
        // No recovery bit from KMS, and `s` is high half the time: digest.ts settles both.
        return { r: hex(rs.subarray(0, 32)), s: hex(rs.subarray(32, 64)) };
      },
    };
  },
};
