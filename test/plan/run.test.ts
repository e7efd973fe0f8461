import { describe, expect, it } from "vitest";
import type { Model } from "../../src/config/model.js";
import { devAccounts } from "../../src/devnet/index.js";
import { accountAddresses, deployerAddresses, signerAddresses } from "../../src/plan/run.js";

const dev = devAccounts(4);
const FIXED = "0x000000000000000000000000000000000000dEaD";
const model = (accounts: Record<string, unknown>) => ({ accounts }) as unknown as Model;

describe("account and signer addresses (docs/accounts-and-expect.md)", () => {
  it("references resolve to the fixed address; who can send is the signer's own address", () => {
    const m = model({ ops: { address: FIXED, signer: { devnet: 3 } }, deployer: { signer: { env: "K" } } });
    const vars = { K: dev[1]!.privateKey };
    expect(accountAddresses(m, "dev", vars)).toEqual({ ops: FIXED, deployer: dev[1]!.address });
    expect(signerAddresses(m, "dev", vars)).toEqual([dev[3]!.address, dev[1]!.address]);
  });

  it("a per-environment signer wins, and a signer whose address needs unlocking leaves the senders unknown", () => {
    const m = model({
      ops: { address: FIXED, signer: { devnet: 0 }, environments: { prod: { signer: { keystore: "k.json", password: { env: "P" } } } } },
    });
    expect(signerAddresses(m, "dev", {})).toEqual([dev[0]!.address]);
    // A fixed address is not who signs: with a keystore signer, plan cannot tell who apply sends from.
    expect(signerAddresses(m, "prod", {})).toBeUndefined();
  });

  it("who deploys is the signer's address; a fixed address only for an account without a signer", () => {
    const m = model({
      ops: { address: FIXED, signer: { devnet: 3 }, environments: { prod: { signer: { keystore: "k.json", password: { env: "P" } } } } },
      safe: { address: FIXED },
    });
    expect(deployerAddresses(m, "dev", {})).toEqual({ ops: dev[3]!.address, safe: FIXED });
    // A keystore's address is known once apply opens it: plan does not take the fixed one meanwhile.
    expect(deployerAddresses(m, "prod", {})).toEqual({ safe: FIXED });
  });
});
