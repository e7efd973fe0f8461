import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { encryptKeystoreJson, Transaction } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, devAccounts, startDevnet } from "../../src/devnet/index.js";
import { createSigner, SignerError } from "../../src/signers/index.js";
import { applyTraces, creations, fixtureWithDeployerSigner, w3o } from "../helpers/applyRepo.js";
import { vaultServer } from "../helpers/vaultServer.js";

const accounts = devAccounts(4);
const rawKey = accounts[2]!;
const storeKey = accounts[3]!;
const TOKEN = "hvs.PLANTEDvaultTOKEN0000000000000";
const PASSWORD = "planted keystore password 1234";

let vault: Awaited<ReturnType<typeof vaultServer>>;
let devnet: Anvil;
const dirs: string[] = [];
beforeAll(async () => {
  const keystore = await encryptKeystoreJson({ address: storeKey.address, privateKey: storeKey.privateKey }, PASSWORD, {
    scrypt: { N: 1 << 10 },
  });
  vault = await vaultServer(TOKEN, {
    "secret/w3o/dev/raw": [{ privateKey: rawKey.privateKey.slice(2) }],
    // Version 1 is the raw key, version 2 a keystore: pinning a version reads that one.
    "kv/w3o/prod/deployer": [{ privateKey: rawKey.privateKey }, { keystore, password: PASSWORD }],
    "secret/w3o/empty": [{ note: "nothing here" }],
  });
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await vault?.close();
  await devnet?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const ctx = (env: Record<string, string | undefined>) => ({ env, chainId: 31337, repoDir: "." });
const env = () => ({ VAULT_ADDR: vault.url, VAULT_TOKEN: TOKEN });
const tx = { chainId: 31337, nonce: 0, gasLimit: 21000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, to: rawKey.address, data: "0x" };

describe("vault signer", () => {
  it("reads a raw key from KV v2 with the token header, and signs with it", async () => {
    const before = vault.seen.length;
    const signer = await createSigner({ vault: { path: "w3o/dev/raw" } }, ctx(env()));
    expect(signer.address).toBe(rawKey.address);
    expect(Transaction.from((await signer.signTransaction(tx)).raw).from).toBe(rawKey.address);
    const [call] = vault.seen.slice(before);
    expect(call).toMatchObject({ method: "GET", path: "/v1/secret/data/w3o/dev/raw" });
    expect(call!.headers["x-vault-token"]).toBe(TOKEN);
  });

  it("decrypts a keystore kept in KV with its password, at a pinned version, under another mount and namespace", async () => {
    const spec = { vault: { path: "w3o/prod/deployer", mount: "kv", namespace: "acme/web3", token: { env: "MY_VAULT_TOKEN" } } };
    const latest = await createSigner(spec, ctx({ VAULT_ADDR: vault.url, MY_VAULT_TOKEN: TOKEN }));
    expect(latest.address).toBe(storeKey.address);
    const pinned = await createSigner({ vault: { ...spec.vault, version: 1 } }, ctx({ VAULT_ADDR: vault.url, MY_VAULT_TOKEN: TOKEN }));
    expect(pinned.address).toBe(rawKey.address);
    expect(vault.seen.at(-1)).toMatchObject({ path: "/v1/kv/data/w3o/prod/deployer?version=1" });
    expect(vault.seen.at(-1)!.headers["x-vault-namespace"]).toBe("acme/web3");
    for (const text of [inspect(latest, { showHidden: true, depth: 6 }), JSON.stringify(latest)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
    }
    expect(latest.secrets).toContain(TOKEN);
    expect(latest.secrets).toContain(PASSWORD);
  });

  it("says what Vault said (denied, no secret, no key in it), and never the token", async () => {
    const errs = [
      await createSigner({ vault: { path: "w3o/dev/raw" } }, ctx({ ...env(), VAULT_TOKEN: `${TOKEN}x` })).catch((e) => e),
      await createSigner({ vault: { path: "w3o/dev/nope" } }, ctx(env())).catch((e) => e),
      await createSigner({ vault: { path: "w3o/empty" } }, ctx(env())).catch((e) => e),
      await createSigner({ vault: { path: "w3o/dev/raw" } }, ctx({ VAULT_ADDR: vault.url })).catch((e) => e),
      await createSigner({ vault: { path: "w3o/dev/raw", address: "http://127.0.0.1:1" } }, ctx(env())).catch((e) => e),
      await createSigner({ vault: { path: "leaky" } }, ctx(env())).catch((e) => e),
    ];
    for (const e of errs) expect(e).toBeInstanceOf(SignerError);
    expect(errs[0].message).toMatch(/vault secret\/w3o\/dev\/raw: Vault answered 403 \(permission denied\)/);
    expect(errs[0].message).toMatch(/policy grants read on secret\/data\/w3o\/dev\/raw/);
    expect(errs[1].message).toMatch(/Vault answered 404[\s\S]*No secret at secret\/data\/w3o\/dev\/nope/);
    expect(errs[2].message).toMatch(/neither privateKey nor keystore and password[\s\S]*its fields: note/);
    expect(errs[3].message).toMatch(/environment variable VAULT_TOKEN is not set/);
    expect(errs[4].message).toMatch(/cannot reach Vault at http:\/\/127.0.0.1:1/);
    expect(errs[5].message).toMatch(/Vault answered 502 \(upstream refused token \*\*\*\)/);
    for (const e of errs) expect(`${e.message}${e.stack}`).not.toContain(TOKEN);
  });

  it("deploys the fixture repo on anvil through `w3o apply` with a keystore from Vault; token and password in no output, journal or record", async () => {
    const dir = await fixtureWithDeployerSigner("{ vault: { path: w3o/prod/deployer, mount: kv } }");
    dirs.push(dir);
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], {
      W3O_TEST_RPC_URL: devnet.url,
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: TOKEN,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const record = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8"));
    expect(Object.keys(record.contracts).sort()).toEqual(["Box", "Registry", "Salted", "Token", "Vault"]);
    expect((await creations(devnet.url, storeKey.address)).length).toBe(7);
    const texts = await applyTraces(dir, run);
    expect(texts.filter((t) => t.includes(storeKey.address)).length).toBeGreaterThanOrEqual(2);
    for (const text of texts) for (const secret of [TOKEN, PASSWORD, storeKey.privateKey.slice(2)]) expect(text).not.toContain(secret);
  }, 120_000);
});
