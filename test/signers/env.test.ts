import { inspect } from "node:util";
import { Transaction } from "ethers";
import { describe, expect, it } from "vitest";
import { devAccounts } from "../../src/devnet/index.js";
import { createSigner, SignerError } from "../../src/signers/index.js";

const key = devAccounts(2)[1]!;
const ctx = (env: Record<string, string>) => ({ env, chainId: 1, repoDir: "." });

describe("env signer", () => {
  it("signs with the key from the variable, with or without 0x", async () => {
    for (const value of [key.privateKey, key.privateKey.slice(2)]) {
      const signer = await createSigner({ env: "DEPLOYER_KEY" }, ctx({ DEPLOYER_KEY: value }));
      expect(signer.address).toBe(key.address);
      const { raw } = await signer.signTransaction({
        chainId: 1,
        nonce: 0,
        gasLimit: 21000n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
        to: key.address,
        data: "0x",
      });
      expect(Transaction.from(raw).from).toBe(key.address);
    }
  });

  it("never shows the key when printed or serialised", async () => {
    const signer = await createSigner({ env: "DEPLOYER_KEY" }, ctx({ DEPLOYER_KEY: key.privateKey }));
    const body = key.privateKey.slice(2);
    expect(inspect(signer, { showHidden: true, depth: 5 })).not.toContain(body);
    expect(JSON.stringify(signer)).not.toContain(body);
    expect(JSON.stringify(signer)).toContain("env DEPLOYER_KEY");
  });

  it("names the variable, not its value, when it is missing or malformed", async () => {
    await expect(createSigner({ env: "DEPLOYER_KEY" }, ctx({}))).rejects.toThrow(/DEPLOYER_KEY is not set/);
    const bad = `${key.privateKey.slice(0, 60)}zz`;
    const err = await createSigner({ env: "DEPLOYER_KEY" }, ctx({ DEPLOYER_KEY: bad })).catch((e) => e);
    expect(err).toBeInstanceOf(SignerError);
    expect(err.message).toMatch(/does not hold a private key/);
    expect(err.message).not.toContain(bad.slice(2, 40));
  });

  it("redacts a key ethers rejects (out of the curve's range)", async () => {
    const tooBig = `0x${"f".repeat(64)}`;
    const err = await createSigner({ env: "K" }, ctx({ K: tooBig })).catch((e) => e);
    expect(err).toBeInstanceOf(SignerError);
    expect(`${err.message}${err.stack}`).not.toContain("f".repeat(64));
    expect(err.cause).toBeUndefined();
  });
});

describe("native EIP-1559 signing", () => {
  it("produces exactly the bytes ethers produces, for creations and calls", async () => {
    const signer = await createSigner({ env: "K" }, ctx({ K: key.privateKey }));
    const { Wallet, keccak256 } = await import("ethers");
    const wallet = new Wallet(key.privateKey);
    for (const tx of [
      {
        chainId: 31337,
        nonce: 0,
        gasLimit: 3_000_000n,
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1n,
        data: `0x${"60".repeat(3000)}`,
        to: null,
      },
      { chainId: 1, nonce: 1234, gasLimit: 21000n, maxFeePerGas: 10n ** 12n, maxPriorityFeePerGas: 0n, data: "0x", to: key.address },
    ]) {
      const expected = await wallet.signTransaction({ ...tx, type: 2, value: 0n });
      const got = await signer.signTransaction(tx);
      expect(got.raw).toBe(expected);
      expect(got.hash).toBe(keccak256(expected));
    }
  });
});

describe("digest and typed-data signing", () => {
  it("signs EIP-712 data exactly as ethers' Wallet, through the same digest a KMS would be given", async () => {
    const signer = await createSigner({ env: "K" }, ctx({ K: key.privateKey }));
    const { Wallet, verifyTypedData } = await import("ethers");
    const typed = {
      domain: { name: "w3o", version: "1", chainId: 1, verifyingContract: key.address },
      types: {
        Mail: [
          { name: "to", type: "address" },
          { name: "amount", type: "uint256" },
        ],
      },
      message: { to: key.address, amount: 7n },
    };
    const sig = await signer.signTypedData(typed);
    expect(sig).toBe(await new Wallet(key.privateKey).signTypedData(typed.domain, typed.types, typed.message));
    expect(verifyTypedData(typed.domain, typed.types, typed.message, sig)).toBe(key.address);
  });
});

describe("env signer in production", () => {
  const prod = (env: Record<string, string>) => ({ ...ctx(env), account: "deployer", environment: { name: "live", production: true } });

  it("refuses a raw key where the environment is production, naming the account, the environment and the fix", async () => {
    const err = await createSigner({ env: "DEPLOYER_KEY" }, prod({ DEPLOYER_KEY: key.privateKey })).catch((e) => e);
    expect(err).toBeInstanceOf(SignerError);
    expect(err.shortMessage).toBe('account "deployer" signs with a raw private key from DEPLOYER_KEY in production environment "live"');
    expect(err.hint).toContain("accounts.deployer.environments.live.signer");
    expect(err.hint).toContain("allowInProduction: true");
    expect(`${err.message}${err.stack}`).not.toContain(key.privateKey.slice(2));
  });

  it("signs there when the account allows it explicitly, and anywhere not production", async () => {
    const allowed = await createSigner({ env: "DEPLOYER_KEY", allowInProduction: true }, prod({ DEPLOYER_KEY: key.privateKey }));
    expect(allowed.address).toBe(key.address);
    const staging = { ...prod({ DEPLOYER_KEY: key.privateKey }), environment: { name: "staging", production: false } };
    expect((await createSigner({ env: "DEPLOYER_KEY" }, staging)).address).toBe(key.address);
  });
});
