import { z } from "zod";
import { envRef } from "../../config/schema/common.js";

export const schema = z
  .strictObject({
    env: envRef.shape.env,
    allowInProduction: z
      .boolean()
      .optional()
      .describe(
        "A raw key in a variable is refused in production environments (it is one leaked CI log away from the chain). Set true to accept that risk for this account.",
      ),
  })
  .describe("A hex private key read from this environment variable. Refused in production unless allowInProduction: true.");
