import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, LockHeldError, readLock, releaseLock, whoami } from "../../src/apply/lock.js";
import { openState } from "../../src/state/db.js";

const temps: string[] = [];
const stateFile = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-lock-"));
  temps.push(dir);
  return path.join(dir, "state.db");
};
afterAll(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

describe("environment lock", () => {
  it("lets one holder in, names it to the next, and frees it on release or unlock", async () => {
    const file = await stateFile();
    // Two connections, as two processes would have.
    const a = await openState(file);
    const b = await openState(file);
    const key = { project: "acme", environment: "dev" };
    const lock = await acquireLock(a.db, key, "w3o apply --env dev");
    const err = await acquireLock(b.db, key, "w3o apply --env dev").catch((e) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.message).toMatch(/locked by .+@.+ \(pid \d+\) since \d{4}-\d\d-\d\dT/);
    expect(err.message).toContain("w3o unlock --env dev");
    // Another environment is not affected.
    await (await acquireLock(b.db, { project: "acme", environment: "staging" }, "x")).release();

    await lock.release();
    expect(await readLock(a.db, key)).toBeUndefined();
    await acquireLock(b.db, key, "second");
    expect((await releaseLock(a.db, key))?.command).toBe("second");
    await acquireLock(a.db, key, "third");
    await a.close();
    await b.close();
  });
});

describe("a lock whose holder is gone", () => {
  /** The pid of a process that has exited (and been reaped): nothing runs under it now. */
  const deadPid = () => {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    return Number(child.stdout);
  };
  const key = { project: "acme", environment: "dev" };
  const plant = async (file: string, holder: string, pid: number) => {
    const s = await openState(file);
    await s.db
      .insertInto("locks")
      .values({ ...key, holder, pid, since: "2026-01-01T00:00:00.000Z", command: "w3o apply --env dev" })
      .execute();
    await s.close();
  };

  it("is taken over on the same host, and the new holder is told whose it was", async () => {
    const file = await stateFile();
    const pid = deadPid();
    await plant(file, whoami(), pid);
    const s = await openState(file);
    const lock = await acquireLock(s.db, key, "w3o apply --env dev (second)");
    expect(lock.tookOver).toMatchObject({ reason: "pid-gone", lock: { pid, holder: whoami(), command: "w3o apply --env dev" } });
    expect(await readLock(s.db, key)).toMatchObject({ pid: process.pid, command: "w3o apply --env dev (second)" });
    // Taken over once: a third apply finds a live holder and is refused.
    expect(await acquireLock(s.db, key, "third").catch((e) => e)).toBeInstanceOf(LockHeldError);
    await lock.release();
    await s.close();
  });

  it("is left alone when it was taken on another host (its pid cannot be checked from here)", async () => {
    const file = await stateFile();
    await plant(file, "ci@other-host", deadPid());
    const s = await openState(file);
    const err = await acquireLock(s.db, key, "w3o apply --env dev").catch((e) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err.message).toContain("ci@other-host");
    expect(err.message).toContain("w3o unlock --env dev");
    await s.close();
  });
});

describe("a lease held from another host", () => {
  const key = { project: "acme", environment: "prod" };
  const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
  /** A lease as a runner elsewhere leaves it: its pid means nothing here, its expiry is all we can judge by. */
  const plant = async (file: string, expires: string) => {
    const s = await openState(file);
    await s.db
      .insertInto("locks")
      .values({
        ...key,
        holder: "ci@runner-7",
        pid: 4242,
        since: "2026-01-01T00:00:00.000Z",
        command: "w3o apply --env prod",
        run_id: "run-elsewhere",
        expires,
      })
      .execute();
    await s.close();
  };

  it("is taken over once its lease expired unrenewed, and the new holder is told whose and why", async () => {
    const file = await stateFile();
    const expired = iso(-60_000);
    await plant(file, expired);
    const s = await openState(file);
    const lock = await acquireLock(s.db, key, "w3o apply --env prod (here)", { runId: "run-here" });
    expect(lock.tookOver).toEqual({
      reason: "lease-expired",
      lock: expect.objectContaining({ holder: "ci@runner-7", pid: 4242, runId: "run-elsewhere", expires: expired }),
    });
    expect(await readLock(s.db, key)).toMatchObject({ holder: whoami(), pid: process.pid, runId: "run-here" });
    await lock.release();
    expect(await readLock(s.db, key)).toBeUndefined();
    await s.close();
  });

  it("is refused while its lease is live, naming holder, run, since and expiry", async () => {
    const file = await stateFile();
    const expires = iso(60_000);
    await plant(file, expires);
    const s = await openState(file);
    const err = await acquireLock(s.db, key, "w3o apply --env prod").catch((e) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err.shortMessage).toBe(
      `environment "prod" of acme is locked by ci@runner-7 (pid 4242) since 2026-01-01T00:00:00.000Z, run run-elsewhere; its lease expires at ${expires} unless that run renews it`,
    );
    expect(err.hint).toContain(`its lease lapses at ${expires} and the next apply takes over`);
    expect(err.hint).toContain("w3o unlock --env prod");
    expect(await readLock(s.db, key)).toMatchObject({ runId: "run-elsewhere", expires });
    await s.close();
  });
});

describe("lease renewal", () => {
  const key = { project: "acme", environment: "dev" };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("pushes the expiry on while the holder lives, and stops once released", async () => {
    const s = await openState(await stateFile());
    const leaseMs = 300;
    const lock = await acquireLock(s.db, key, "w3o apply --env dev", { leaseMs });
    const first = (await readLock(s.db, key))!.expires!;
    await sleep(leaseMs * 1.5);
    // Past the first expiry, the lease is still held and good for most of another lease.
    const renewed = (await readLock(s.db, key))!.expires!;
    expect(renewed > first).toBe(true);
    expect(renewed > new Date().toISOString()).toBe(true);
    expect(lock.lost.aborted).toBe(false);
    await lock.release();
    await sleep(leaseMs);
    expect(await readLock(s.db, key)).toBeUndefined();
    await s.close();
  });

  it("tells the holder when its lease is gone (unlocked meanwhile)", async () => {
    const s = await openState(await stateFile());
    const lock = await acquireLock(s.db, key, "w3o apply --env dev", { leaseMs: 150 });
    await releaseLock(s.db, key);
    await sleep(200);
    expect(lock.lost.aborted).toBe(true);
    expect(String(lock.lost.reason)).toMatch(/lost lease/);
    await lock.release();
    await s.close();
  });
});
