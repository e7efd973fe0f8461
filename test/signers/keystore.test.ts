import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { encryptKeystoreJson } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { devAccounts } from "../../src/devnet/index.js";
import { createSigner, SignerError } from "../../src/signers/index.js";

const key = devAccounts(3)[2]!;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "w3o-keystore-"));
  // A cheap scrypt cost keeps the test fast; the format is the one geth and cast write.
  const json = await encryptKeystoreJson({ address: key.address, privateKey: key.privateKey }, "correct horse", {
    scrypt: { N: 1 << 10 },
  });
  await writeFile(path.join(dir, "deployer.json"), json);
});

describe("keystore signer", () => {
  const spec = { keystore: "deployer.json", password: { env: "KS_PASSWORD" } };

  it("decrypts the keystore with the password from the environment", async () => {
    const signer = await createSigner(spec, { env: { KS_PASSWORD: "correct horse" }, chainId: 1, repoDir: dir });
    expect(signer.address).toBe(key.address);
    expect(signer.secrets).toContain("correct horse");
  });

  it("reports a wrong password without echoing it", async () => {
    const err = await createSigner(spec, { env: { KS_PASSWORD: "wrong battery" }, chainId: 1, repoDir: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(SignerError);
    expect(err.message).toMatch(/cannot decrypt keystore deployer.json/);
    expect(err.message).not.toContain("wrong battery");
  });

  it("reports a missing file and a missing password variable", async () => {
    await expect(createSigner({ ...spec, keystore: "nope.json" }, { env: { KS_PASSWORD: "x" }, chainId: 1, repoDir: dir })).rejects.toThrow(
      /cannot read keystore nope.json/,
    );
    await expect(createSigner(spec, { env: {}, chainId: 1, repoDir: dir })).rejects.toThrow(/KS_PASSWORD is not set/);
  });
});
