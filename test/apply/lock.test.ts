import { spawnSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, LockHeldError, readLock, releaseLock, whoami } from "../../src/apply/lock.js";
import { openState } from "../../src/state/db.js";

describe("environment lock", () => {
  it("lets one holder in, names it to the next, and frees it on release or unlock", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "w3o-lock-")), "state.db");
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
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "w3o-lock-")), "state.db");
    const pid = deadPid();
    await plant(file, whoami(), pid);
    const s = await openState(file);
    const lock = await acquireLock(s.db, key, "w3o apply --env dev (second)");
    expect(lock.tookOver).toMatchObject({ pid, holder: whoami(), command: "w3o apply --env dev" });
    expect(await readLock(s.db, key)).toMatchObject({ pid: process.pid, command: "w3o apply --env dev (second)" });
    // Taken over once: a third apply finds a live holder and is refused.
    expect(await acquireLock(s.db, key, "third").catch((e) => e)).toBeInstanceOf(LockHeldError);
    await lock.release();
    await s.close();
  });

  it("is left alone when it was taken on another host (its pid cannot be checked from here)", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "w3o-lock-")), "state.db");
    await plant(file, "ci@other-host", deadPid());
    const s = await openState(file);
    const err = await acquireLock(s.db, key, "w3o apply --env dev").catch((e) => e);
    expect(err).toBeInstanceOf(LockHeldError);
    expect(err.message).toContain("ci@other-host");
    expect(err.message).toContain("w3o unlock --env dev");
    await s.close();
  });
});
