import { z } from "zod";

export const schema = z
  .strictObject({
    kms: z.strictObject({
      keyId: z
        .string()
        .min(1)
        .describe("The KMS key: its id, ARN, alias/NAME or alias ARN. It must be an ECC_SECG_P256K1 key with usage SIGN_VERIFY."),
      region: z.string().optional().describe("The key's region. Default: the AWS_REGION variable."),
      endpoint: z
        .string()
        .url()
        .optional()
        .describe("A KMS endpoint other than AWS's (a VPC endpoint, LocalStack). Default: AWS_ENDPOINT_URL_KMS, else AWS's."),
    }),
  })
  .describe(
    "A secp256k1 key in AWS KMS: the key never leaves KMS, which signs each digest. Credentials come from the AWS variables or role.",
  );
