import { z } from "zod";

export const schema = z
  .strictObject({ devnet: z.number().int().min(0).max(9) })
  .describe("One of the local devnet's public dev accounts (index 0–9). Refused on any other network.");
