import { DEVNET_CHAIN_IDS } from "../../config/model.js";
import { devAccounts } from "../../devnet/index.js";
import { SignerError } from "../errors.js";
import { localKey } from "../local.js";
import type { SignerKind } from "../types.js";
import { schema } from "./schema.js";

/** Anvil's public dev accounts: zero setup on a local devnet, refused on every other chain. */
export const devnet: SignerKind<typeof schema> = {
  kind: "devnet",
  schema,
  describe: (spec) => `devnet account ${spec.devnet}`,
  async open(spec, ctx) {
    if (!DEVNET_CHAIN_IDS.has(ctx.chainId)) {
      throw new SignerError(`devnet account ${spec.devnet} cannot sign on chain ${ctx.chainId}`, {
        hint: `Devnet keys are public: they only sign on local devnets (chain ids ${[...DEVNET_CHAIN_IDS].join(", ")}). Use { env: VAR } or a keystore.`,
      });
    }
    const account = devAccounts(spec.devnet + 1)[spec.devnet]!;
    return localKey(account.privateKey, [account.privateKey, account.privateKey.slice(2)]);
  },
};
