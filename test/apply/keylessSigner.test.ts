import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { encryptKeystoreJson, SigningKey, Transaction, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEnvironment } from "../../src/apply/index.js";
import { Rpc } from "../../src/chains/evm/client.js";
import { loadRepo } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { type Signer, signerFrom } from "../../src/signers/index.js";
import { defaultStatePath, openState } from "../../src/state/db.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { fileRecordSink } from "../../src/state/records.js";
import { fixtureCopy } from "../helpers/applyRepo.js";

/**
 * A signer as a KMS or Vault transit key is: the key never leaves it (here, a closure), and all it
 * does is sign 32-byte digests. It counts what it was asked, so the test sees apply went through it.
 */
function kmsLikeSigner(): { signer: Signer; digests: string[] } {
  const digests: string[] = [];
  const key = new SigningKey(Wallet.createRandom().privateKey);
  const address = new Wallet(key).address;
  const signer = signerFrom(
    {
      address,
      signDigest: async (digest) => {
        digests.push(digest);
        const sig = key.sign(digest);
        return { r: sig.r, s: sig.s, yParity: sig.yParity };
      },
    },
    "kms test-key",
  );
  return { signer, digests };
}

let devnet: Anvil;
const dirs: string[] = [];
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const repo = async (extraAccounts = "") => {
  const dir = await fixtureCopy();
  dirs.push(dir);
  if (extraAccounts) {
    const file = path.join(dir, "w3o.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("contracts:\n", `${extraAccounts}contracts:\n`));
  }
  const { model, diagnostics } = await loadRepo(dir);
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return { dir, model };
};
const rpc = () => new Rpc(devnet.url);
/** The CLI's ports: the SQLite store in the repo and records written into its deployments/. */
const ports = async (dir: string) => ({ store: await openState(defaultStatePath(dir)), records: fileRecordSink(dir) });
const record = async (dir: string) => JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;

describe("apply through the Signer interface", () => {
  it("deploys, configures and records with a signer that only signs digests and never shows its key", async () => {
    const { dir, model } = await repo();
    const { signer, digests } = kmsLikeSigner();
    await rpc().call("anvil_setBalance", [signer.address, "0x56bc75e2d63100000"]);
    const opened: string[] = [];
    const result = await applyEnvironment(model, "dev", {
      // No deployer key in the environment: the only way to sign is the signer handed in.
      vars: { W3O_TEST_RPC_URL: devnet.url },
      ...(await ports(model.dir)),
      pollMs: 10,
      openSigner: async (_spec, ctx) => {
        opened.push(ctx.account);
        return signer;
      },
    });
    expect(result.failed).toEqual([]);
    expect(opened).toEqual(["deployer"]);
    const rec = await record(dir);
    expect(Object.keys(rec.contracts).sort()).toEqual(["Box", "Registry", "Salted", "Token", "Vault"]);
    for (const c of ["Token", "Registry", "Box", "Vault"]) expect(rec.contracts[c]!.deployer).toBe(signer.address);
    // Every tx on chain is the digest signer's: as many signatures as txs its address sent.
    const nonce = Number(BigInt(await rpc().call<string>("eth_getTransactionCount", [signer.address, "latest"])));
    expect(nonce).toBeGreaterThan(5);
    expect(digests.length).toBe(nonce);
    const first = await rpc().call<{ from: string }>("eth_getTransactionByHash", [rec.contracts.Token!.txHash]);
    expect(first.from.toLowerCase()).toBe(signer.address.toLowerCase());
  });

  it("refuses a digest signer whose signatures recover to another address", async () => {
    const { signer: honest } = kmsLikeSigner();
    const other = new SigningKey(Wallet.createRandom().privateKey);
    const liar = signerFrom({ address: honest.address, signDigest: async (d) => other.sign(d) }, "kms wrong-key");
    const tx = { chainId: 31337, nonce: 0, gasLimit: 21000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, to: honest.address, data: "0x" };
    await expect(liar.signTransaction(tx)).rejects.toThrow(/kms wrong-key returned a signature that is not 0x/);
    const { raw } = await honest.signTransaction(tx);
    expect(Transaction.from(raw).from).toBe(honest.address);
  });

  it("opens only the signers of accounts that send: an idle keystore account is never decrypted", async () => {
    // `spare` could act as an owner, but nothing in this run is sent from it; its password is not even set.
    const json = await encryptKeystoreJson({ address: devnet.accounts[8]!.address, privateKey: devnet.accounts[8]!.privateKey }, "pw", {
      scrypt: { N: 1 << 10 },
    });
    const { dir, model } = await repo(
      `  spare:\n    address: "${devnet.accounts[8]!.address}"\n    signer: { keystore: spare.json, password: { env: W3O_TEST_SPARE_PASSWORD } }\n`,
    );
    await writeFile(path.join(dir, "spare.json"), json);
    const result = await applyEnvironment(model, "dev", {
      vars: { W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[7]!.privateKey },
      ...(await ports(model.dir)),
      pollMs: 10,
    });
    expect(result.failed).toEqual([]);
    expect((await record(dir)).contracts.Token!.deployer).toBe(devnet.accounts[7]!.address);
  });
});
