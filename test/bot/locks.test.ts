import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type nock from "nock";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotOptions } from "../../bot/env.js";
import { w3oApp } from "../../bot/index.js";
import { Rpc } from "../../src/chains/evm/client.js";
import type { Anvil } from "../../src/devnet/index.js";
import { stickyMarker } from "../../src/github/stickyComment.js";
import { openState, type StateStore } from "../../src/state/db.js";
import { readPullLocks } from "../../src/state/prLocks.js";
import { creations } from "../helpers/applyRepo.js";
import { BOT, type Call, commentPayload, fileContent, INSTALLATION, pullPayload, recordGitHub, testProbot } from "../helpers/botHarness.js";
import { startDevnetOutsideNock, useNock } from "../helpers/nockGitHub.js";
import { EXTRA_CONTRACT, type PrRepo, prRepo } from "../helpers/prRepo.js";

const R = "/repos/acme/infra";
/** Anvil's first public dev account: the example's dev deployer. */
const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

let devnet: Anvil;
let origin: PrRepo;
let heads: Record<number, string>;
let w3oYaml: string;

beforeAll(async () => {
  devnet = await startDevnetOutsideNock();
  origin = await prRepo();
  w3oYaml = await readFile(path.join(origin.dir, "w3o.yaml"), "utf8");
  const seven = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT }, "PR 7: add ExtraCollection");
  const eight = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT.replace('"Extra"', '"Extra8"') }, "PR 8: rename it");
  heads = { 7: seven, 8: eight };
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

async function app(): Promise<{ probot: Probot; state: StateStore }> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-bot-locks-"));
  const opts: BotOptions = {
    defaults: { path: "." },
    repos: [],
    vars: { LOCAL_RPC_URL: devnet.url },
    secrets: [],
    statePath: path.join(dir, "state.db"),
    workspaceDir: path.join(dir, "workspace"),
    gitUrl: origin.baseUrl,
    botLogin: BOT,
  };
  const probot = testProbot();
  const state = openState(opts.statePath);
  await probot.load(w3oApp(opts, state));
  return { probot, state: await state };
}

const AUTHORS: Record<number, string> = { 7: "carol", 8: "dave" };
const token = (github: nock.Scope) =>
  github
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .optionally()
    .times(4)
    .reply(201, { token: "ghs_installationTOKEN000000000000", expires_at: "2999-01-01T00:00:00Z" });

const pullData = (n: number, o: { fork?: boolean } = {}) => ({
  number: n,
  state: "open",
  user: { login: AUTHORS[n] },
  mergeable: true,
  mergeable_state: "clean",
  head: { sha: heads[n], ref: `feat-${n}`, repo: { full_name: o.fork ? "outsider/infra" : "acme/infra" } },
  base: { sha: origin.base, ref: "main", repo: { full_name: "acme/infra" } },
});

/** A pull_request event for PR n, from GitHub's example payload, by its author. */
function pullEvent(action: string, n: number, extra: Record<string, unknown> = {}) {
  const p = pullPayload(action, heads[n]!, origin.base) as { pull_request: Record<string, unknown> };
  const pr = { ...p.pull_request, number: n, user: { ...(p.pull_request.user as object), login: AUTHORS[n] }, ...extra };
  return { id: `pr-${n}-${action}-${Math.random()}`, name: "pull_request", payload: { ...p, number: n, pull_request: pr } } as never;
}

/** A review of PR n: the reads, the check run, the sticky comment created, the check completed. */
function review(github: nock.Scope, n: number, checkId: number, settings?: string) {
  github
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(settings ? 200 : 404, settings ? fileContent(settings) : { message: "Not Found" })
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: heads[n] })
    .reply(200, fileContent(w3oYaml))
    .get(`${R}/pulls/${n}/files`)
    .query(true)
    .reply(200, [{ filename: "contracts/extra.yaml" }])
    .post(`${R}/check-runs`)
    .reply(201, { id: checkId })
    .get(`${R}/pulls/${n}`)
    .reply(200, pullData(n))
    .get(`${R}/issues/${n}/comments`)
    .query(true)
    .reply(200, [])
    .post(`${R}/issues/${n}/comments`)
    .reply(201, { id: 600 + checkId })
    .get(`${R}/issues/${n}/comments`)
    .query(true)
    .reply(200, [{ id: 600 + checkId, user: { login: BOT }, body: `${stickyMarker("report")}\n…` }])
    .patch(`${R}/check-runs/${checkId}`)
    .reply(200, {});
}

const bodyOf = (calls: Call[], method: string, p: string) =>
  calls.filter((c) => c.method === method && c.path === p).map((c) => c.body as Record<string, unknown>);

describe("PR locks in the app", () => {
  useNock();

  it("PR 7's plan takes dev; PR 8 is told in its report and check run, blocked; PR 7 closes, and PR 8's next plan takes dev", async () => {
    const { probot, state } = await app();
    const first = recordGitHub();
    token(first.github);
    review(first.github, 7, 71);
    await probot.receive(pullEvent("opened", 7));
    const [lock7] = await readPullLocks(state, "acme/infra", "acme", ["dev"]);
    expect(lock7).toMatchObject({ pull: 7, author: "carol", headSha: heads[7], environment: "dev" });
    expect(String(bodyOf(first.calls, "POST", `${R}/issues/7/comments`)[0]?.body)).toContain("🔐 This PR holds the lock of `dev`");

    const second = recordGitHub();
    token(second.github);
    review(second.github, 8, 81);
    await probot.receive(pullEvent("opened", 8));
    const comment = String(bodyOf(second.calls, "POST", `${R}/issues/8/comments`)[0]?.body);
    const told = `\`dev\` is locked by #7 (@carol) since ${lock7!.since}. Next: merge or close #7, or comment \`/w3o unlock dev\` on #7`;
    expect(comment).toContain(told);
    expect(comment).toContain("🔒 **Blocked**: `dev` is locked by #7");
    const check = bodyOf(second.calls, "PATCH", `${R}/check-runs/81`)[0] as {
      conclusion: string;
      output: { title: string; summary: string };
    };
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("dev is locked by #7");
    expect(check.output.summary).toContain(told);

    // Closed without merging: no GitHub call, the lock goes.
    const closing = recordGitHub();
    await probot.receive(pullEvent("closed", 7, { merged: false, state: "closed" }));
    expect(closing.calls).toEqual([]);
    expect(await readPullLocks(state, "acme/infra", "acme", ["dev"])).toEqual([]);

    const third = recordGitHub();
    token(third.github);
    review(third.github, 8, 82);
    await probot.receive(pullEvent("synchronize", 8));
    expect(await readPullLocks(state, "acme/infra", "acme", ["dev"])).toMatchObject([{ pull: 8, author: "dave" }]);
    expect(bodyOf(third.calls, "PATCH", `${R}/check-runs/82`)[0]).toMatchObject({ conclusion: "success" });
  }, 180_000);

  it("`lock: on-apply` in main's .github/w3o.yml: the plan takes no lock, and the report has no Locks section", async () => {
    const { probot, state } = await app();
    const { calls, github } = recordGitHub();
    token(github);
    review(github, 7, 72, "environments:\n  dev:\n    lock: on-apply\n");
    await probot.receive(pullEvent("opened", 7));
    expect(await readPullLocks(state, "acme/infra", "acme", ["dev"])).toEqual([]);
    const comment = String(bodyOf(calls, "POST", `${R}/issues/7/comments`)[0]?.body);
    expect(comment).toMatch(/`dev`: [1-9]\d* to create/);
    expect(comment).not.toContain("### Locks");
  }, 120_000);
});

/** The chat-ops conversation of `/w3o apply dev` on PR n up to the apply: 👀, settings, the PR, its w3o.yaml. */
function commandReads(github: nock.Scope, n: number, comment: number, o: { fork?: boolean } = {}) {
  github
    .post(`${R}/issues/comments/${comment}/reactions`, { content: "eyes" })
    .reply(201, {})
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(404, { message: "Not Found" })
    .get(`${R}/pulls/${n}`)
    .reply(200, pullData(n, o))
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: heads[n] })
    .reply(200, fileContent(w3oYaml));
}

function answer(github: nock.Scope, n: number, comment: number, final: "rocket" | "confused") {
  github
    .post(`${R}/issues/${n}/comments`)
    .reply(201, { id: 1 })
    .post(`${R}/issues/comments/${comment}/reactions`, { content: final })
    .reply(201, {});
}

function commentEvent(n: number, comment: number, body: string, login = "alice") {
  const p = commentPayload("created", body, { id: comment, login }) as { issue: Record<string, unknown> };
  return { id: `c-${comment}-${Math.random()}`, name: "issue_comment", payload: { ...p, issue: { ...p.issue, number: n } } } as never;
}

const txCount = async () => Number(BigInt(await new Rpc(devnet.url).call<string>("eth_getTransactionCount", [DEPLOYER, "latest"])));
const replyOf = (calls: Call[], n: number) => String(bodyOf(calls, "POST", `${R}/issues/${n}/comments`)[0]?.body);

describe("/w3o apply in the app, on a real chain", () => {
  useNock();

  it("from a read-only user: a polite refusal, and nothing is sent on chain", async () => {
    const { probot } = await app();
    const before = await txCount();
    const { calls, github } = recordGitHub();
    token(github);
    commandReads(github, 7, 9101);
    github.get(`${R}/collaborators/alice/permission`).reply(200, { permission: "read", role_name: "read" });
    answer(github, 7, 9101, "confused");
    await probot.receive(commentEvent(7, 9101, "/w3o apply dev"));
    expect(replyOf(calls, 7)).toBe(
      "> /w3o apply dev\n\n@alice sorry, I can't do that. `apply dev` needs write, maintain or admin permission on acme/infra; @alice has read. A maintainer can run it, or grant the permission.",
    );
    expect(await txCount()).toBe(before);
  }, 60_000);

  it("a fork's PR: never applied, said so, not even the permission is asked; nothing on chain", async () => {
    const { probot, state } = await app();
    const before = await txCount();
    const { calls, github } = recordGitHub();
    token(github);
    commandReads(github, 7, 9102, { fork: true });
    answer(github, 7, 9102, "confused");
    await probot.receive(commentEvent(7, 9102, "/w3o apply dev"));
    expect(replyOf(calls, 7)).toContain("A pull request from a fork is never applied");
    expect(calls.some((c) => c.path.includes("/collaborators/"))).toBe(false);
    expect(await txCount()).toBe(before);
    expect(await readPullLocks(state, "acme/infra", "acme", ["dev"])).toEqual([]);
  }, 60_000);

  it("two PRs `/w3o apply dev` at once: one takes the lock and deploys, the other gets the lock message; each contract is created once", async () => {
    const { probot, state } = await app();
    const before = await creations(devnet.url, DEPLOYER);
    const { calls, github } = recordGitHub();
    token(github);
    commandReads(github, 7, 9107);
    commandReads(github, 8, 9108);
    github
      .get(`${R}/collaborators/alice/permission`)
      .times(2)
      .reply(200, { permission: "write", role_name: "write" })
      .get(`${R}/contents/w3o.yaml`)
      .query({ ref: "main" })
      .times(2)
      .reply(200, fileContent(w3oYaml));
    const replies: Record<number, string> = {};
    for (const [n, comment] of [
      [7, 9107],
      [8, 9108],
    ] as const) {
      github
        .post(`${R}/issues/${n}/comments`, (b: { body: string }) => {
          replies[n] = b.body;
          return true;
        })
        .reply(201, { id: n })
        .post(`${R}/issues/comments/${comment}/reactions`, (b: { content: string }) => b.content !== "eyes")
        .reply(201, {});
    }
    await Promise.all([probot.receive(commentEvent(7, 9107, "/w3o apply dev")), probot.receive(commentEvent(8, 9108, "/w3o apply dev"))]);

    const [lock] = await readPullLocks(state, "acme/infra", "acme", ["dev"]);
    const winner = lock!.pull;
    const loser = winner === 7 ? 8 : 7;
    // The example's token-launch workflow step may fail on a devnet (a workflow matter, not the lock's): the
    // winner's reply then lists it, and its reaction is 😕; either way it applied and the loser did not.
    expect(replies[winner]).toMatch(new RegExp(`^> /w3o apply dev\\n\\n@alice applied \`dev\` at \`${heads[winner]!.slice(0, 7)}\``));
    const winnerFinal = /step\(s\) failed/.test(replies[winner]!) ? "confused" : "rocket";
    expect(replies[loser]).toBe(
      `> /w3o apply dev\n\n@alice \`dev\` is locked by #${winner} (@${AUTHORS[winner]}) since ${lock!.since}. Next: merge or close #${winner}, or comment \`/w3o unlock dev\` on #${winner}. Nothing was applied.`,
    );
    // 🚀 for the one that ran, 😕 for the one refused.
    const finals = calls.filter((c) => c.path.endsWith("/reactions") && (c.body as { content: string }).content !== "eyes");
    expect(finals.map((c) => [c.path, (c.body as { content: string }).content]).sort()).toEqual(
      [
        [`${R}/issues/comments/${9100 + winner}/reactions`, winnerFinal],
        [`${R}/issues/comments/${9100 + loser}/reactions`, "confused"],
      ].sort(),
    );
    // What the winner's reply lists is on chain, and no contract was created twice.
    const addresses = [...replies[winner]!.matchAll(/\| `(0x[0-9a-fA-F]{40})` \|/g)].map((m) => m[1]!);
    expect(addresses.length).toBeGreaterThan(0);
    const rpc = new Rpc(devnet.url);
    for (const a of addresses) expect(await rpc.call<string>("eth_getCode", [a, "latest"])).not.toBe("0x");
    const made = (await creations(devnet.url, DEPLOYER)).slice(before.length);
    expect(made.length).toBeGreaterThan(0);
    expect(new Set(made.map((t) => t.input)).size).toBe(made.length);
  }, 240_000);
});
