import { createPublicKey } from "node:crypto";
import { getBytes, SigningKey } from "ethers";
import { secp256k1 } from "../../src/crypto/native.js";
import { localService } from "./localService.js";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

/**
 * The subset of AWS KMS's API that a signer uses, as the real service defines it: AWS JSON 1.1 (POST /,
 * `X-Amz-Target: TrentService.<Op>`, `Content-Type: application/x-amz-json-1.1`, SigV4 `Authorization`),
 * blobs base64 in JSON, errors as `{ __type, message }` with HTTP 400. GetPublicKey answers the DER
 * SubjectPublicKeyInfo of a real secp256k1 key; Sign signs the 32-byte DIGEST and answers DER. Like
 * KMS, whose ECDSA is not RFC 6979 and not low-s, every other signature has the high `s`.
 */
export async function kmsServer(keys: Record<string, string>, o: { keySpec?: string } = {}) {
  const signing = Object.fromEntries(Object.entries(keys).map(([id, pk]) => [id, new SigningKey(pk)]));
  let signed = 0;
  let highS = 0;
  const error = (type: string, message: string) => ({ status: 400, body: { __type: type, message } });
  const service = await localService((req) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    if (req.method !== "POST" || req.headers["content-type"] !== "application/x-amz-json-1.1")
      return error("UnknownOperationException", "not AWS JSON 1.1");
    if (
      !/^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+\/\d{8}\/[a-z0-9-]+\/kms\/aws4_request, SignedHeaders=.*x-amz-date.*, Signature=[0-9a-f]{64}$/.test(
        String(req.headers.authorization ?? ""),
      )
    )
      return error("MissingAuthenticationTokenException", "Request is missing Authentication Token");
    const body = JSON.parse(req.body) as { KeyId: string; Message?: string; MessageType?: string; SigningAlgorithm?: string };
    // A proxy or a misconfigured endpoint that quotes the caller's credentials back: what redaction is for.
    if (body.KeyId === "leaky-key")
      return error("AccessDeniedException", `session ${req.headers["x-amz-security-token"]} may not use ${req.headers.authorization}`);
    const key = signing[body.KeyId];
    if (!key) return error("NotFoundException", `Key '${body.KeyId}' does not exist`);
    const arn = `arn:aws:kms:eu-west-1:111122223333:key/${body.KeyId}`;
    if (target === "TrentService.GetPublicKey") {
      const pub = getBytes(key.publicKey);
      const spki = createPublicKey({
        key: {
          kty: "EC",
          crv: "secp256k1",
          x: Buffer.from(pub.subarray(1, 33)).toString("base64url"),
          y: Buffer.from(pub.subarray(33)).toString("base64url"),
        },
        format: "jwk",
      }).export({ type: "spki", format: "der" });
      return {
        status: 200,
        body: {
          KeyId: arn,
          KeySpec: o.keySpec ?? "ECC_SECG_P256K1",
          KeyUsage: "SIGN_VERIFY",
          PublicKey: b64(spki),
          SigningAlgorithms: ["ECDSA_SHA_256"],
        },
      };
    }
    if (target === "TrentService.Sign") {
      const message = Buffer.from(body.Message ?? "", "base64");
      if (body.MessageType !== "DIGEST" || body.SigningAlgorithm !== "ECDSA_SHA_256" || message.length !== 32)
        return error("ValidationException", "expected a 32-byte DIGEST for ECDSA_SHA_256");
      const sig = key.sign(message);
      let s = BigInt(sig.s);
      if (signed++ % 2 === 1) {
        s = N - s;
        highS++;
      }
      const rs = Buffer.concat([getBytes(sig.r), Buffer.from(s.toString(16).padStart(64, "0"), "hex")]);
      return { status: 200, body: { KeyId: arn, Signature: b64(secp256k1.signatureExport(rs)), SigningAlgorithm: "ECDSA_SHA_256" } };
    }
    return error("UnknownOperationException", target);
  });
  return { ...service, signed: () => signed, highS: () => highS };
}
