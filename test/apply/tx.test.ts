import { JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifySend, signTx } from "../../src/apply/tx.js";
import { Rpc } from "../../src/chains/evm/client.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { createSigner, type Signer } from "../../src/signers/index.js";

let devnet: Anvil;
let signer: Signer;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  signer = await createSigner({ devnet: 2 }, { env: {}, chainId: 31337, repoDir: "." });
});
afterAll(() => devnet?.stop());

const gwei = 1_000_000_000n;

describe("classifySend, on a real node's answers", () => {
  it("takes 'already known' as accepted, tells 'underpriced' and 'nonce too low' apart", async () => {
    const rpc = new Rpc(devnet.url);
    const provider = new JsonRpcProvider(devnet.url, undefined, { cacheTimeout: -1 });
    await provider.send("evm_setAutomine", [false]);
    try {
      const nonce = await provider.getTransactionCount(signer.address);
      /** A tx at this nonce with `data`, its max fee and tip in gwei. */
      const signed = (data: string, maxFee: bigint, tip: bigint) =>
        signTx(
          signer,
          31337,
          "s",
          { to: signer.address, data, nonce, gasLimit: 30_000n },
          {
            maxFeePerGas: maxFee * gwei,
            maxPriorityFeePerGas: tip * gwei,
          },
        );
      const send = async (raw: string) => (await rpc.batch([{ method: "eth_sendRawTransaction", params: [raw] }]))[0]!;

      const first = await signed("0x", 20n, 1n);
      expect(classifySend(await send(first.raw)).outcome).toBe("accepted");
      // The very same bytes again, as a resumed apply rebroadcasts them: the node already has them.
      const again = await send(first.raw);
      expect(again.ok).toBe(false);
      expect(classifySend(again).outcome).toBe("accepted");
      // Same nonce, other bytes, fees not raised enough to replace: underpriced, not an error to give up on.
      expect(classifySend(await send((await signed("0x01", 20n, 1n)).raw)).outcome).toBe("underpriced");

      await provider.send("evm_mine", []);
      // Once mined, the nonce is spent: a tx reusing it is too low.
      expect(classifySend(await send((await signed("0x02", 40n, 2n)).raw)).outcome).toBe("nonce-too-low");
    } finally {
      await provider.send("evm_setAutomine", [true]);
      provider.destroy();
    }
  });
});
