import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openState } from "../../src/state/db.js";
import { openPostgresStore } from "../../src/state/postgres.js";
import { LockStoreError, readPullLock, readPullLocks, releasePullLock, releasePullLocks, takePullLock } from "../../src/state/prLocks.js";
import type { StateStore } from "../../src/state/store.js";
import { type PgCluster, startPostgres } from "../helpers/postgres.js";

type Backend = { name: string; location(): Promise<string>; open(location: string): Promise<StateStore> };

let cluster: PgCluster | undefined;
const temps: string[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  cluster?.stop();
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

const sqlite: Backend = {
  name: "SQLite",
  async location() {
    const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-prlocks-"));
    temps.push(dir);
    return path.join(dir, "state.db");
  },
  open: openState,
};
const postgres: Backend = { name: "PostgreSQL", location: () => cluster!.createDatabase(), open: (url) => openPostgresStore(url) };

const repo = "acme/infra";
const want = (pull: number, environment = "prod", author = `dev${pull}`) => ({
  repo,
  project: "acme",
  environment,
  pull,
  headSha: String(pull).repeat(40).slice(0, 40),
  author,
});
const T0 = new Date("2026-12-01T10:00:00.000Z");

describe.each([sqlite, postgres])("PR locks on $name", (backend) => {
  it("one PR takes an environment; another is told who holds it and since when; the holder keeps its since", async () => {
    const s = await backend.open(await backend.location());
    expect(await takePullLock(s, want(5), T0)).toEqual({
      ok: true,
      taken: true,
      lock: { ...want(5), since: T0.toISOString() },
    });
    expect(await takePullLock(s, want(8), new Date())).toEqual({ ok: false, heldBy: { ...want(5), since: T0.toISOString() } });
    // A new push of the holder: same lock, its head moves on, `since` stays.
    const again = await takePullLock(s, { ...want(5), headSha: "f".repeat(40), author: "" }, new Date());
    expect(again).toEqual({ ok: true, taken: false, lock: { ...want(5), headSha: "f".repeat(40), since: T0.toISOString() } });
    expect(await readPullLock(s, { repo, project: "acme", environment: "prod" })).toMatchObject({ pull: 5, author: "dev5" });
    await s.close();
  });

  it("two PRs taking the same environment at once, from two stores on one database: exactly one wins", async () => {
    const where = await backend.location();
    const stores: StateStore[] = [];
    for (let i = 0; i < 6; i++) stores.push(await backend.open(where));
    const results = await Promise.all(stores.map((s, i) => takePullLock(s, want(10 + i))));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const holder = (winners[0] as { lock: { pull: number } }).lock.pull;
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, heldBy: { pull: holder } });
    await Promise.all(stores.map((s) => s.close()));
  });

  it("releases every lock of a closed PR, and one environment only for the PR that holds it", async () => {
    const s = await backend.open(await backend.location());
    await takePullLock(s, want(5, "prod"), T0);
    await takePullLock(s, want(5, "staging"), T0);
    await takePullLock(s, want(8, "dev"), T0);
    // Another PR cannot release #5's lock of prod.
    expect(await releasePullLock(s, { repo, project: "acme", environment: "prod" }, 8)).toBeUndefined();
    expect((await releasePullLocks(s, repo, 5)).map((l) => l.environment).sort()).toEqual(["prod", "staging"]);
    expect(await releasePullLocks(s, repo, 5)).toEqual([]);
    expect((await readPullLocks(s, repo, "acme", ["dev", "prod", "staging"])).map((l) => l.pull)).toEqual([8]);
    expect(await releasePullLock(s, { repo, project: "acme", environment: "dev" }, 8)).toMatchObject({ pull: 8, environment: "dev" });
    expect(await takePullLock(s, want(9, "prod"))).toMatchObject({ ok: true, taken: true });
    await s.close();
  });

  it("a store that cannot be reached fails closed: every call throws LockStoreError, none answers 'free'", async () => {
    const s = await backend.open(await backend.location());
    await s.close();
    await expect(takePullLock(s, want(5))).rejects.toBeInstanceOf(LockStoreError);
    await expect(readPullLocks(s, repo, "acme", ["prod"])).rejects.toBeInstanceOf(LockStoreError);
    await expect(releasePullLocks(s, repo, 5)).rejects.toThrow(/the lock store .* is unreachable/);
  });
});
