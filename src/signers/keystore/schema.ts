import { z } from "zod";
import { envRef } from "../../config/schema/common.js";

export const schema = z
  .strictObject({ keystore: z.string(), password: envRef })
  .describe("An encrypted JSON keystore in the repo, unlocked with a password from the environment.");
