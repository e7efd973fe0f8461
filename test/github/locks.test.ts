import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewLocks } from "../../src/github/locks.js";
import { renderReport } from "../../src/report/render.js";
import { openState, type StateStore } from "../../src/state/db.js";
import { readPullLocks, takePullLock } from "../../src/state/prLocks.js";
import { plan, report, step } from "../helpers/reportFixtures.js";

let store: StateStore;
beforeAll(async () => {
  store = await openState(path.join(await mkdtemp(path.join(tmpdir(), "w3o-review-locks-")), "state.db"));
});
afterAll(() => store?.close());

const SINCE = new Date("2026-12-01T09:00:00.000Z");
const changes = (env: string) => ({ name: env, plan: plan(env, [step("local", "Token")]), unread: [] });
const noChange = (env: string) => ({ name: env, plan: plan(env, [step("local", "Token", { action: "noop" })]), unread: [] });
const base = { repo: "acme/infra", project: "acme", settings: { path: "." }, takes: true };

describe("the review's PR locks", () => {
  it("on-plan: takes the environments the plan changes (not the unchanged one); another PR's plan is blocked, told who and what to do", async () => {
    const r7 = report({ environments: [changes("dev"), noChange("staging")] });
    const locks7 = await reviewLocks(r7, { ...base, store, pull: { number: 7, headSha: "7".repeat(40), author: "carol" } });
    expect(locks7).toEqual({ held: [{ environment: "dev", pull: 7, author: "carol", since: expect.any(String) }], blocked: [] });
    expect((await readPullLocks(store, "acme/infra", "acme", ["dev", "staging"])).map((l) => l.environment)).toEqual(["dev"]);

    const r8 = report({ environments: [changes("dev")] });
    const locks8 = await reviewLocks(r8, { ...base, store, pull: { number: 8, headSha: "8".repeat(40), author: "dave" } });
    expect(locks8?.blocked).toEqual([{ environment: "dev", pull: 7, author: "carol", since: locks7!.held[0]!.since }]);
    const rendered = renderReport({ ...r8, locks: locks8! });
    const since = locks7!.held[0]!.since;
    expect(rendered.verdict).toEqual({ conclusion: "failure", reasons: ["dev is locked by #7"] });
    expect(rendered.comment).toContain(
      `- 🔒 \`dev\` is locked by #7 (@carol) since ${since}. Next: merge or close #7, or comment \`/w3o unlock dev\` on #7; then re-run this PR's plan. Until then its plan for \`dev\` is blocked and will not be applied.`,
    );
    expect(rendered.comment).toContain("🔒 **Blocked**: `dev` is locked by #7, so this plan is not applied (see Locks).");
    expect(rendered.comment).not.toContain("After merge: `w3o apply --env dev`");
    // The check run says it too: its summary carries the same sections, its title the verdict.
    expect(rendered.check.title).toBe("dev is locked by #7");
    expect(rendered.check.summary).toContain("is locked by #7 (@carol)");
    await store.db.deleteFrom("pr_locks").execute();
  });

  it("on-apply: the review takes nothing, but still shows a lock another PR took by applying; a fork's PR only looks", async () => {
    const onApply = { path: ".", environments: { dev: { lock: "on-apply" as const } } };
    const r = report({ environments: [changes("dev")] });
    expect(await reviewLocks(r, { ...base, settings: onApply, store, pull: { number: 7, headSha: "7".repeat(40) } })).toEqual({
      held: [],
      blocked: [],
    });
    const fork = await reviewLocks(r, { ...base, takes: false, store, pull: { number: 9, headSha: "9".repeat(40) } });
    expect(fork).toEqual({ held: [], blocked: [] });
    expect(await readPullLocks(store, "acme/infra", "acme", ["dev"])).toEqual([]);
    await takePullLock(
      store,
      { repo: "acme/infra", project: "acme", environment: "dev", pull: 5, headSha: "5".repeat(40), author: "bob" },
      SINCE,
    );
    const seen = await reviewLocks(r, { ...base, settings: onApply, store, pull: { number: 7, headSha: "7".repeat(40) } });
    expect(seen?.blocked).toEqual([{ environment: "dev", pull: 5, author: "bob", since: SINCE.toISOString() }]);
    await store.db.deleteFrom("pr_locks").execute();
  });

  it("a lock store that cannot be reached blocks every changed environment, and the report says so", async () => {
    const down = await openState(path.join(await mkdtemp(path.join(tmpdir(), "w3o-down-")), "state.db"));
    await down.close();
    const r = report({ environments: [changes("dev"), changes("prod")] });
    const locks = await reviewLocks(r, { ...base, store: down, pull: { number: 7, headSha: "7".repeat(40) } });
    expect(locks).toEqual({
      held: [],
      blocked: [],
      unavailable: { environments: ["dev", "prod"], reason: "the app's state database did not answer" },
    });
    const rendered = renderReport({ ...r, locks: locks! });
    expect(rendered.verdict.reasons).toEqual(["dev: lock store unreachable", "prod: lock store unreachable"]);
    expect(rendered.comment).toContain(
      "- ⚠️ The lock store could not be reached (the app's state database did not answer): w3o cannot tell whether another PR holds `dev`, `prod`, so their plans are blocked.",
    );
  });
});
