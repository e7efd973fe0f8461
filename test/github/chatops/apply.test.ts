import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock, readLock } from "../../../src/apply/lock.js";
import type { ApplyCallback } from "../../../src/github/chatops/apply.js";
import { type ChatOpsInput, handleComment } from "../../../src/github/chatops/handle.js";
import { openState, type StateStore } from "../../../src/state/db.js";
import { readPullLock, takePullLock } from "../../../src/state/prLocks.js";
import { type Call, fileContent, recordGitHub } from "../../helpers/botHarness.js";
import { plainOctokit, useNock } from "../../helpers/nockGitHub.js";

const R = "/repos/acme/infra";
const HEAD = "c".repeat(40);
const ALL = "[approved, mergeable, undiverged, checks-passed]";
const yaml = (prodRequires: string) =>
  `version: 1\nproject: acme\nenvironments:\n  dev: { networks: [local] }\n  prod: { networks: [mainnet], requires: ${prodRequires} }\n`;
const event = (body: string, login = "alice") => ({ commentId: 5, body, author: { login, type: "User" }, issueNumber: 7, isPull: true });
const pullData = (over: Record<string, unknown> = {}) => ({
  number: 7,
  state: "open",
  user: { login: "carol" },
  mergeable: true,
  mergeable_state: "clean",
  head: { sha: HEAD, ref: "feat", repo: { full_name: "acme/infra" } },
  base: { sha: "d".repeat(40), ref: "main", repo: { full_name: "acme/infra" } },
  ...over,
});

/** Every call nock answers, in order, with its body. */
const recorded = () => {
  const { calls, github } = recordGitHub();
  return { calls, scope: github };
};

/** 👀, the settings at main, the PR, the head's w3o.yaml (the PR's own `requires`), write permission, main's w3o.yaml. */
function preamble(scope: nock.Scope, o: { head: string; main: string; pull?: Record<string, unknown> }) {
  scope
    .post(`${R}/issues/comments/5/reactions`, { content: "eyes" })
    .reply(201, {})
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(404, {})
    .get(`${R}/pulls/7`)
    .reply(200, pullData(o.pull))
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: HEAD })
    .reply(200, fileContent(o.head))
    .get(`${R}/collaborators/alice/permission`)
    .reply(200, { permission: "write", role_name: "write" })
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: "main" })
    .reply(200, fileContent(o.main));
}

function finish(scope: nock.Scope, final: "rocket" | "confused") {
  scope.post(`${R}/issues/7/comments`).reply(201, { id: 1 }).post(`${R}/issues/comments/5/reactions`, { content: final }).reply(201, {});
}

const replyOf = (calls: Call[]) =>
  String((calls.find((c) => c.path === `${R}/issues/7/comments`)?.body as { body?: string } | undefined)?.body);
const routes = (calls: Call[]) => calls.map((c) => `${c.method} ${c.path}`);

let store: StateStore;
beforeAll(async () => {
  store = await openState(path.join(await mkdtemp(path.join(tmpdir(), "w3o-chat-apply-")), "state.db"));
});
afterAll(() => store?.close());

const notExpected = () => Promise.reject(new Error("not expected"));
function input(over: Partial<ChatOpsInput> = {}): ChatOpsInput {
  return {
    gh: plainOctokit(),
    ref: { owner: "acme", repo: "infra" },
    defaultBranch: "main",
    defaults: { path: "." },
    plan: notExpected,
    report: notExpected,
    unlock: notExpected,
    apply: notExpected,
    locks: store,
    ownCheck: { name: "w3o", appSlug: "w3o-test" },
    wait: async () => {},
    ...over,
  };
}

const prodKey = { repo: "acme/infra", project: "acme", environment: "prod" };

describe("/w3o apply", () => {
  useNock();

  it("requirements come from main's w3o.yaml (the PR's `requires: []` is ignored); each unmet one is named; nothing runs", async () => {
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[]"), main: yaml(ALL), pull: { mergeable: false, mergeable_state: "dirty" } });
    scope
      .get(`${R}/pulls/7/reviews`)
      .query({ per_page: 100 })
      .reply(200, [
        { user: { login: "carol" }, state: "APPROVED" },
        { user: { login: "bob" }, state: "CHANGES_REQUESTED" },
        // A later comment leaves bob's request standing.
        { user: { login: "bob" }, state: "COMMENTED" },
      ])
      .get(`${R}/compare/main...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { status: "diverged", ahead_by: 2, behind_by: 3 })
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query({ per_page: 100 })
      .reply(200, {
        total_count: 4,
        check_runs: [
          // w3o's own check: red until applied; counting it would deadlock the apply.
          { name: "w3o", status: "completed", conclusion: "failure", app: { slug: "w3o-test" } },
          { name: "test", status: "completed", conclusion: "success", app: { slug: "github-actions" } },
          { name: "ci", status: "completed", conclusion: "failure", app: { slug: "github-actions" } },
          { name: "lint", status: "in_progress", conclusion: null, app: { slug: "github-actions" } },
        ],
      })
      .get(`${R}/commits/${HEAD}/status`)
      .query({ per_page: 100 })
      .reply(200, { state: "pending", statuses: [{ context: "preview", state: "pending" }] });
    finish(scope, "confused");
    const applied: string[] = [];
    const out = await handleComment(
      event("/w3o apply prod"),
      input({
        apply: async (_p, _s, env) => {
          applied.push(env);
          return notExpected();
        },
      }),
    );

    expect(out.outcome).toBe("refused");
    expect(applied).toEqual([]);
    expect(await readPullLock(store, prodKey)).toBeUndefined();
    expect(routes(calls).filter((r) => r.startsWith("GET"))).toEqual([
      `GET ${R}/contents/.github/w3o.yml?ref=main`,
      `GET ${R}/pulls/7`,
      `GET ${R}/contents/w3o.yaml?ref=${HEAD}`,
      `GET ${R}/collaborators/alice/permission`,
      `GET ${R}/contents/w3o.yaml?ref=main`,
      `GET ${R}/pulls/7/reviews?per_page=100`,
      `GET ${R}/compare/main...${HEAD}?per_page=1`,
      `GET ${R}/commits/${HEAD}/check-runs?per_page=100`,
      `GET ${R}/commits/${HEAD}/status?per_page=100`,
    ]);
    expect(replyOf(calls)).toBe(
      [
        "> /w3o apply prod",
        "",
        "@alice `prod` requires `approved`, `mergeable`, `undiverged`, `checks-passed` (`w3o.yaml` on main), and this PR does not meet 4:",
        "- **approved**: changes are requested by @bob and no one else has approved it",
        "- **mergeable**: it has conflicts with main: resolve them",
        "- **undiverged**: it is 3 commits behind main: update the branch (merge or rebase main), then plan again",
        "- **checks-passed**: checks on ccccccc are not all green (failing: ci (failure); still running: lint, preview)",
        "",
        "Nothing was applied.",
      ].join("\n"),
    );
  });

  it("an approval by the author alone does not count", async () => {
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[approved]"), main: yaml("[approved]") });
    scope
      .get(`${R}/pulls/7/reviews`)
      .query({ per_page: 100 })
      .reply(200, [{ user: { login: "carol" }, state: "APPROVED" }]);
    finish(scope, "confused");
    await handleComment(event("/w3o apply prod"), input());
    expect(replyOf(calls)).toContain("- **approved**: no one but its author (@carol) has approved it: it needs an approving review");
  });

  it("requirements met (mergeability still computing, read again): takes the PR lock, runs the apply, replies with addresses, 🚀", async () => {
    const { scope, calls } = recorded();
    preamble(scope, {
      head: yaml("[approved, mergeable]"),
      main: yaml("[approved, mergeable]"),
      pull: { mergeable: null, mergeable_state: "unknown" },
    });
    scope
      .get(`${R}/pulls/7/reviews`)
      .query({ per_page: 100 })
      .reply(200, [
        { user: { login: "bob" }, state: "CHANGES_REQUESTED" },
        { user: { login: "bob" }, state: "APPROVED" },
      ])
      .get(`${R}/pulls/7`)
      .reply(200, pullData({ mergeable: true, mergeable_state: "blocked" }));
    finish(scope, "rocket");
    const asked: unknown[] = [];
    const apply: ApplyCallback = async (pull, settings, env, ctx) => {
      asked.push({ pull: pull.number, head: pull.headSha, settings, env, ctx });
      // The lock is this PR's while the apply runs.
      expect(await readPullLock(store, prodKey)).toMatchObject({ pull: 7, author: "carol", headSha: HEAD });
      return {
        outcome: "applied",
        addresses: [{ network: "mainnet", contract: "Token", address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }],
        failed: [],
      };
    };
    const out = await handleComment(event("/w3o apply prod"), input({ apply }));

    expect(out.outcome).toBe("done");
    expect(asked).toEqual([{ pull: 7, head: HEAD, settings: { path: "." }, env: "prod", ctx: { project: "acme", requestedBy: "alice" } }]);
    expect(replyOf(calls)).toBe(
      [
        "> /w3o apply prod",
        "",
        `@alice applied \`prod\` at \`ccccccc\`.`,
        "",
        "| network | contract | address |",
        "| --- | --- | --- |",
        "| `mainnet` | `Token` | `0x5FbDB2315678afecb367f032d93F642f64180aa3` |",
      ].join("\n"),
    );
    // The lock stays with the PR after its apply: it goes when the PR merges or closes.
    expect(await readPullLock(store, prodKey)).toMatchObject({ pull: 7 });
    await store.db.deleteFrom("pr_locks").execute();
  });

  it("another PR holds the environment: the lock message (who, since, what to do), and no apply", async () => {
    await takePullLock(store, { ...prodKey, pull: 5, headSha: "5".repeat(40), author: "bob" }, new Date("2026-12-01T09:00:00.000Z"));
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[]"), main: yaml("[]") });
    finish(scope, "confused");
    await handleComment(event("/w3o apply prod"), input());
    expect(replyOf(calls)).toBe(
      "> /w3o apply prod\n\n@alice `prod` is locked by #5 (@bob) since 2026-12-01T09:00:00.000Z. Next: merge or close #5, or comment `/w3o unlock prod` on #5. Nothing was applied.",
    );
    await store.db.deleteFrom("pr_locks").execute();
  });

  it("a lock store that cannot be reached: refused, no apply", async () => {
    const down = await openState(path.join(await mkdtemp(path.join(tmpdir(), "w3o-down-")), "state.db"));
    await down.close();
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[]"), main: yaml("[]") });
    finish(scope, "confused");
    await handleComment(event("/w3o apply prod"), input({ locks: down }));
    expect(replyOf(calls)).toContain("the lock store (the app's state database) could not be reached");
    expect(replyOf(calls)).toContain("nothing was applied");
  });

  it("an environment main's w3o.yaml does not have: refused (its requirements would be the PR's own)", async () => {
    const { scope, calls } = recorded();
    preamble(scope, { head: `${yaml("[]")}  qa: { networks: [local] }\n`, main: yaml("[]") });
    finish(scope, "confused");
    await handleComment(event("/w3o apply qa"), input());
    expect(replyOf(calls)).toContain("`qa` is not an environment of `w3o.yaml` on main");
  });
});

describe("/w3o unlock", () => {
  useNock();

  it("releases this PR's lock and a stale apply lease, naming both holders", async () => {
    await takePullLock(store, { ...prodKey, pull: 7, headSha: HEAD, author: "carol" }, new Date("2026-12-01T09:00:00.000Z"));
    const lease = await acquireLock(store.db, { project: "acme", environment: "prod" }, "w3o apply --env prod", { runId: "run-1" });
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[]"), main: yaml("[]") });
    finish(scope, "rocket");
    const { releaseLock } = await import("../../../src/apply/lock.js");
    await handleComment(event("/w3o unlock prod"), input({ unlock: (key) => releaseLock(store.db, key) }));
    expect(replyOf(calls)).toMatch(
      /^> \/w3o unlock prod\n\n@alice released the PR lock of `prod` held by #7 \(@carol\) since 2026-12-01T09:00:00\.000Z\. Also released the apply lease of `prod` of acme, held by .* run run-1, for `w3o apply --env prod`\./,
    );
    expect(await readPullLock(store, prodKey)).toBeUndefined();
    expect(await readLock(store.db, { project: "acme", environment: "prod" })).toBeUndefined();
    await lease.release();
  });

  it("another PR's lock: nothing is released (neither its lock nor the lease), the reply says where to unlock", async () => {
    await takePullLock(store, { ...prodKey, pull: 5, headSha: "5".repeat(40), author: "bob" }, new Date("2026-12-01T09:00:00.000Z"));
    const { scope, calls } = recorded();
    preamble(scope, { head: yaml("[]"), main: yaml("[]") });
    finish(scope, "confused");
    await handleComment(event("/w3o unlock prod"), input());
    expect(replyOf(calls)).toBe(
      "> /w3o unlock prod\n\n@alice `prod` is locked by #5 (@bob) since 2026-12-01T09:00:00.000Z. Next: merge or close #5, or comment `/w3o unlock prod` on #5. It is that PR's lock, not this one's: nothing was released.",
    );
    expect(await readPullLock(store, prodKey)).toMatchObject({ pull: 5 });
    await store.db.deleteFrom("pr_locks").execute();
  });
});
