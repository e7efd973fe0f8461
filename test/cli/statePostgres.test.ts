import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock } from "../../src/apply/lock.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { openPostgresStore } from "../../src/state/postgres.js";
import { creations, fixtureCopy, w3o } from "../helpers/applyRepo.js";
import { type PgCluster, startPostgres } from "../helpers/postgres.js";

let devnet: Anvil;
let cluster: PgCluster;
beforeAll(async () => {
  [devnet, cluster] = await Promise.all([startDevnet({ port: 0 }), startPostgres()]);
});
afterAll(async () => {
  await devnet?.stop();
  cluster?.stop();
});

const env = (account: number) => ({ W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[account]!.privateKey });

describe("w3o with its state in PostgreSQL", () => {
  it("applies with --state postgres://…: journal and lock in the database, no SQLite file, the lock seen by plan", async () => {
    const [dir, url] = await Promise.all([fixtureCopy(), cluster.createDatabase()]);
    const run = await w3o(["apply", dir, "--env", "dev", "--yes", "--state", url], env(1));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, ".w3o", "state.db"))).toBe(false);
    // Token, Registry, Box and Vault (impl + proxy each): six CREATEs, and Salted through CREATE2.
    expect((await creations(devnet.url, devnet.accounts[1]!.address)).length).toBe(7);

    const store = await openPostgresStore(url);
    const types = (await store.db.selectFrom("journal").select("type").execute()).map((r) => r.type);
    expect(types).toContain("receipt");
    expect(types).toContain("record");
    // Another machine holds the environment: apply (through W3O_STATE_URL) is refused and plan names the holder.
    const held = await acquireLock(store.db, { project: "applytest", environment: "dev" }, "w3o apply on another machine");
    const blocked = await w3o(["apply", dir, "--env", "dev", "--yes"], { ...env(1), W3O_STATE_URL: url });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain("is locked by");
    const plan = await w3o(["plan", dir, "--env", "dev"], { ...env(1), W3O_STATE_URL: url });
    expect(plan.stdout).toContain("w3o apply on another machine");
    await held.release();
    await store.close();
  });
});
