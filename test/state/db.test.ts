import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { Journal } from "../../src/apply/journal.js";
import { openState } from "../../src/state/db.js";
import { migrations as inCode } from "../../src/state/migrations.js";

const tmp = () => mkdtemp(path.join(os.tmpdir(), "w3o-state-"));

describe("state database", () => {
  it("creates the schema on first open and keeps data across reopen (migrations run once)", async () => {
    const file = path.join(await tmp(), "nested", "state.db");
    const a = await openState(file);
    const scope = { project: "acme", environment: "dev", network: "local" };
    await new Journal(a.db, scope).append({ type: "verified", step: "X#deploy", checks: ["code"] });
    await a.close();
    const b = await openState(file);
    expect(await new Journal(b.db, scope).load()).toEqual([{ type: "verified", step: "X#deploy", checks: ["code"] }]);
    const migrations = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(b.db);
    expect(migrations.rows[0]!.n).toBe(Object.keys(inCode).length);
    await b.close();
  });

  it("refuses to update or delete journal rows: the journal is append-only", async () => {
    const s = await openState(path.join(await tmp(), "state.db"));
    const j = new Journal(s.db, { project: "p", environment: "e", network: "n" });
    await j.append({ type: "verified", step: "A", checks: [] });
    await expect(s.db.updateTable("journal").set({ type: "failed" }).execute()).rejects.toThrow(/append-only/);
    await expect(s.db.deleteFrom("journal").execute()).rejects.toThrow(/append-only/);
    expect(await j.load()).toHaveLength(1);
    await s.close();
  });

  it("keeps journals of different environments and networks apart", async () => {
    const s = await openState(path.join(await tmp(), "state.db"));
    const dev = new Journal(s.db, { project: "p", environment: "dev", network: "local" });
    const prod = new Journal(s.db, { project: "p", environment: "prod", network: "mainnet" });
    await dev.append({ type: "verified", step: "A", checks: [] });
    expect(await prod.load()).toEqual([]);
    expect(await dev.load()).toHaveLength(1);
    await s.close();
  });
});
