import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEnvironment } from "../../src/apply/index.js";
import { LeaseLostError } from "../../src/apply/interrupt.js";
import { Journal } from "../../src/apply/journal.js";
import { readLock } from "../../src/apply/lock.js";
import { loadModel } from "../../src/config/load.js";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { openState } from "../../src/state/db.js";
import type { DeploymentRecord } from "../../src/state/record.js";
import type { RecordSink } from "../../src/state/records.js";
import { fixtureCopy, w3o } from "../helpers/applyRepo.js";

let devnet: Anvil;
const temps: string[] = [];
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
});
afterAll(async () => {
  await devnet?.stop();
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("apply through the ports the caller passes", () => {
  it("hands the record to the sink it is given (no file written) and renews its lease while it runs", async () => {
    const dir = await fixtureCopy();
    temps.push(dir);
    const model = await loadModel(dir);
    // The store lives outside the repo: apply uses the one it is handed, not <repo>/.w3o.
    const store = await openState(path.join(dir, "..", `${path.basename(dir)}-state.db`));
    temps.push(store.label, `${store.label}-wal`, `${store.label}-shm`);
    const written: DeploymentRecord[] = [];
    const records: RecordSink = {
      write: async (record) => {
        written.push(structuredClone(record));
        return `memory:${record.environment}/${record.network}`;
      },
    };
    const key = { project: model.project, environment: "dev" };
    const leaseMs = 400;
    const seen: string[] = [];
    const result = await applyEnvironment(model, "dev", {
      vars: { W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[1]!.privateKey },
      store,
      records,
      runId: "run-ports",
      leaseMs,
      // Asked under the lease, before anything is sent: hold on past one lease and watch it renewed.
      confirm: async () => {
        seen.push((await readLock(store.db, key))!.expires!);
        await sleep(leaseMs * 2);
        const now = new Date().toISOString();
        const lease = (await readLock(store.db, key))!;
        expect(lease.runId).toBe("run-ports");
        seen.push(lease.expires!);
        expect(lease.expires! > now).toBe(true);
        return true;
      },
    });
    expect(result.failed).toEqual([]);
    expect(seen[1]! > seen[0]!).toBe(true);
    // Released at the end: the lease is gone, the timer with it.
    expect(await readLock(store.db, key)).toBeUndefined();

    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ project: "applytest", environment: "dev", network: "local", chainId: 31337 });
    expect(Object.keys(written[0]!.contracts).sort()).toEqual(["Box", "Registry", "Salted", "Token", "Vault"]);
    expect(result.networks[0]!.record).toEqual(written[0]);
    expect(result.networks[0]!.recordFile).toBe("memory:dev/local");
    expect(existsSync(path.join(dir, "deployments"))).toBe(false);
    expect(existsSync(path.join(dir, ".w3o"))).toBe(false);
    // The journal in the store it was given holds the same record.
    const events = await new Journal(store.db, { ...key, network: "local" }).load();
    expect(events.filter((e) => e.type === "record").map((e) => e.record)).toEqual(written);
    await store.close();
  });
});

describe("a lease lost during an apply", () => {
  it("stops it with a LeaseLostError whose hint says another run or w3o unlock took the lock, not that it was released", async () => {
    const dir = await fixtureCopy();
    temps.push(dir);
    const model = await loadModel(dir);
    const store = await openState(path.join(dir, "..", `${path.basename(dir)}-lost.db`));
    temps.push(store.label, `${store.label}-wal`, `${store.label}-shm`);
    const leaseMs = 300;
    const run = applyEnvironment(model, "dev", {
      vars: { W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[2]!.privateKey },
      store,
      records: { write: async () => "memory:unused" },
      leaseMs,
      finishCommand: "w3o apply --env dev",
      // What `w3o unlock` does, while this run waits for its confirmation; the next renewal finds the row gone.
      confirm: async () => {
        await store.db.deleteFrom("locks").execute();
        await sleep(leaseMs);
        return true;
      },
    });
    const e = await run.catch((x: unknown) => x);
    await store.close();
    expect(e).toBeInstanceOf(LeaseLostError);
    const lost = e as LeaseLostError;
    expect(lost.name).toBe("LeaseLostError");
    expect(lost.shortMessage).toBe("apply of dev stopped: it lost its lock, nothing was sent");
    expect(lost.hint).toMatch(/Another apply took the lock over .* or someone ran w3o unlock --env dev/);
    expect(lost.hint).toMatch(/wait for it to finish .* then run: w3o apply --env dev$/);
    expect(lost.hint).not.toMatch(/released/);
  });
});

describe("w3o apply and a lease left by another host", () => {
  it("takes an expired one over and says whose it was and why", async () => {
    const dir = await fixtureCopy();
    temps.push(dir);
    const expires = new Date(Date.now() - 5 * 60_000).toISOString();
    const seed = await openState(path.join(dir, ".w3o/state.db"));
    await seed.db
      .insertInto("locks")
      .values({
        project: "applytest",
        environment: "dev",
        holder: "ci@runner-7",
        pid: 4242,
        since: "2026-01-01T00:00:00.000Z",
        command: "w3o apply --env dev",
        run_id: "run-elsewhere",
        expires,
      })
      .execute();
    await seed.close();
    const run = await w3o(["apply", dir, "--env", "dev", "--yes"], {
      W3O_TEST_RPC_URL: devnet.url,
      W3O_TEST_DEPLOYER_KEY: devnet.accounts[2]!.privateKey,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `took over the lock of ci@runner-7 (pid 4242, run run-elsewhere), whose lease expired at ${expires} without renewal: that run is gone`,
    );
    expect(run.stdout).toContain("Apply complete");
  });
});
