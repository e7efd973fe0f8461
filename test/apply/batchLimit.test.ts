import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import { fixtureCopy, w3o } from "../helpers/applyRepo.js";
import { batchLimitProxy } from "../helpers/batchLimitProxy.js";

const LIMIT = 8;
let devnet: Anvil;
let dir: string;
beforeAll(async () => {
  [devnet, dir] = await Promise.all([startDevnet({ port: 0 }), fixtureCopy()]);
  const file = path.join(dir, "w3o.yaml");
  const yaml = await readFile(file, "utf8");
  await writeFile(file, yaml.replace("rpc: { env: W3O_TEST_RPC_URL }", `rpc: { env: W3O_TEST_RPC_URL, batchLimit: ${LIMIT} }`));
});
afterAll(async () => {
  await devnet?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("rpc.batchLimit", () => {
  it("holds for everything apply sends, its post-deploy verification included: the record is written", async () => {
    const proxy = await batchLimitProxy(devnet.url, LIMIT);
    try {
      const run = await w3o(["apply", dir, "--env", "dev", "--yes"], {
        W3O_TEST_RPC_URL: proxy.url,
        W3O_TEST_DEPLOYER_KEY: devnet.accounts[4]!.privateKey,
      });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(proxy.refused).toEqual([]);
      expect(proxy.largest()).toBe(LIMIT);
      const rec = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8")) as DeploymentRecord;
      expect(Object.keys(rec.contracts).sort()).toEqual(["Box", "Registry", "Salted", "Token", "Vault"]);
      const verified = await w3o(["verify", dir, "--env", "dev"], { W3O_TEST_RPC_URL: proxy.url });
      expect(verified.code, verified.stdout).toBe(0);
      expect(proxy.refused).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
