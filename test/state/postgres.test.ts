import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journal } from "../../src/apply/journal.js";
import { acquireLock, LockHeldError, readLock } from "../../src/apply/lock.js";
import { openState } from "../../src/state/db.js";
import { claimDelivery } from "../../src/state/deliveries.js";
import { migrations as inCode } from "../../src/state/migrations.js";
import { openPostgresStore } from "../../src/state/postgres.js";
import type { StateStore } from "../../src/state/store.js";
import { type PgCluster, startPostgres } from "../helpers/postgres.js";

/** Where a store lives (a file, a database URL), and how to open one there, as a process would. */
type Backend = { name: string; location(): Promise<string>; open(location: string): Promise<StateStore> };

let cluster: PgCluster | undefined;
const temps: string[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  cluster?.stop();
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

const sqlite: Backend = {
  name: "SQLite",
  async location() {
    const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-stores-"));
    temps.push(dir);
    return path.join(dir, "state.db");
  },
  open: openState,
};
const postgres: Backend = {
  name: "PostgreSQL",
  location: () => cluster!.createDatabase(),
  open: (url) => openPostgresStore(url),
};

const scope = { project: "acme", environment: "dev", network: "local" };
const key = { project: "acme", environment: "dev" };
/** A lease of another host whose holder stopped renewing it a minute ago. */
const expiredLease = (environment: string) => ({
  project: "acme",
  environment,
  holder: "ci@elsewhere",
  pid: 4242,
  since: "2026-01-01T00:00:00.000Z",
  command: "w3o apply",
  run_id: "run-dead",
  expires: new Date(Date.now() - 60_000).toISOString(),
});

describe.each([sqlite, postgres])("the state store on $name", (backend) => {
  it("migrates a new store once, concurrently opened or reopened, and keeps its data", async () => {
    const where = await backend.location();
    // Two processes starting on a new database at once: both get a migrated store.
    const [a, b] = await Promise.all([backend.open(where), backend.open(where)]);
    await new Journal(a.db, scope).append({ type: "verified", step: "X#deploy", checks: ["code"] });
    await Promise.all([a.close(), b.close()]);
    const c = await backend.open(where);
    expect(await new Journal(c.db, scope).load()).toEqual([{ type: "verified", step: "X#deploy", checks: ["code"] }]);
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(c.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(inCode).sort());
    await c.close();
  });

  it("refuses to update or delete journal rows, in the database itself", async () => {
    const s = await backend.open(await backend.location());
    const j = new Journal(s.db, scope);
    await j.append({ type: "verified", step: "A", checks: [] }, { type: "verified", step: "B", checks: [] });
    await expect(s.db.updateTable("journal").set({ type: "failed" }).execute()).rejects.toThrow(/append-only/);
    await expect(s.db.deleteFrom("journal").execute()).rejects.toThrow(/append-only/);
    expect((await j.load()).map((e) => e.step)).toEqual(["A", "B"]);
    await s.close();
  });

  it("gives a lease to one holder, refuses the next, renews it, and frees it on release", async () => {
    const where = await backend.location();
    const [a, b] = [await backend.open(where), await backend.open(where)];
    const lock = await acquireLock(a.db, key, "w3o apply --env dev", { leaseMs: 300 });
    const refused = await acquireLock(b.db, key, "w3o apply --env dev").catch((e) => e);
    expect(refused).toBeInstanceOf(LockHeldError);
    expect(refused.lock.runId).toBe(lock.info.runId);
    const first = (await readLock(b.db, key))!.expires!;
    await new Promise((r) => setTimeout(r, 450));
    expect((await readLock(b.db, key))!.expires! > first).toBe(true);
    expect(lock.lost.aborted).toBe(false);
    await lock.release();
    expect(await readLock(b.db, key)).toBeUndefined();
    await (await acquireLock(b.db, key, "next")).release();
    await Promise.all([a.close(), b.close()]);
  });

  it("takes over a lease that expired unrenewed, and says whose it was", async () => {
    const s = await backend.open(await backend.location());
    await s.db.insertInto("locks").values(expiredLease("dev")).execute();
    const lock = await acquireLock(s.db, key, "w3o apply --env dev");
    expect(lock.tookOver).toMatchObject({ reason: "lease-expired", lock: { holder: "ci@elsewhere", runId: "run-dead" } });
    expect((await readLock(s.db, key))!.runId).toBe(lock.info.runId);
    await lock.release();
    await s.close();
  });

  it("claims a delivery once, also from a second connection", async () => {
    const where = await backend.location();
    const [a, b] = [await backend.open(where), await backend.open(where)];
    expect(await claimDelivery(a, "d-1", "push")).toBe(true);
    expect(await claimDelivery(b, "d-1", "push")).toBe(false);
    expect(await claimDelivery(a, "d-1", "push")).toBe(false);
    expect(await claimDelivery(b, "d-2", "push")).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  // Two replicas on one database (two stores: two connection pools), racing for the same thing.
  describe("two replicas racing", () => {
    let a: StateStore;
    let b: StateStore;
    beforeAll(async () => {
      const where = await backend.location();
      a = await backend.open(where);
      b = await backend.open(where);
    });
    afterAll(() => Promise.all([a.close(), b.close()]));
    const rounds = Array.from({ length: 20 }, (_, i) => i);

    it("for a free lease: exactly one gets it, each of 20 times", async () => {
      for (const i of rounds) {
        const k = { project: "acme", environment: `free-${i}` };
        const results = await Promise.allSettled([acquireLock(a.db, k, "a"), acquireLock(b.db, k, "b")]);
        const won = results.filter((r) => r.status === "fulfilled");
        expect(won).toHaveLength(1);
        expect(results.find((r) => r.status === "rejected")?.reason).toBeInstanceOf(LockHeldError);
        await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
      }
    });

    it("for an expired lease: exactly one takes it over, each of 20 times", async () => {
      for (const i of rounds) {
        const environment = `expired-${i}`;
        await a.db.insertInto("locks").values(expiredLease(environment)).execute();
        const k = { project: "acme", environment };
        const results = await Promise.allSettled([acquireLock(a.db, k, "a"), acquireLock(b.db, k, "b")]);
        const won = results.filter((r) => r.status === "fulfilled");
        expect(won).toHaveLength(1);
        const lock = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value;
        expect(lock.tookOver?.reason).toBe("lease-expired");
        expect((await readLock(a.db, k))!.runId).toBe(lock.info.runId);
        await lock.release();
      }
    });

    it("for a delivery: exactly one claims it, each of 20 times", async () => {
      for (const i of rounds) {
        const claims = await Promise.all([claimDelivery(a, `race-${i}`, "push"), claimDelivery(b, `race-${i}`, "push")]);
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
    });
  });
});
