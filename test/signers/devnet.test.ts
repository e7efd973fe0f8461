import { describe, expect, it } from "vitest";
import { devAccounts } from "../../src/devnet/index.js";
import { createSigner } from "../../src/signers/index.js";

describe("devnet signer", () => {
  it("signs with anvil's dev account on a local devnet", async () => {
    const signer = await createSigner({ devnet: 3 }, { env: {}, chainId: 31337, repoDir: "." });
    expect(signer.address).toBe(devAccounts(4)[3]!.address);
    expect(signer.describe).toBe("devnet account 3");
  });

  it("refuses to sign on any other chain, since its key is public", async () => {
    await expect(createSigner({ devnet: 0 }, { env: {}, chainId: 1, repoDir: "." })).rejects.toThrow(/cannot sign on chain 1/);
    await expect(createSigner({ devnet: 0 }, { env: {}, chainId: 11155111, repoDir: "." })).rejects.toThrow(/only sign on local devnets/);
  });
});
