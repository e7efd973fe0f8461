import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock, LockHeldError, readLock, releaseLock } from "../../src/apply/lock.js";
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
