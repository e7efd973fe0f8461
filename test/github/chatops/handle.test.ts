import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRepoSettings } from "../../../src/github/app/settings.js";
import { type ChatOpsInput, handleComment } from "../../../src/github/chatops/handle.js";
import type { PullFacts } from "../../../src/github/pullRequest.js";
import { renderReport } from "../../../src/report/render.js";
import { openState, type StateStore } from "../../../src/state/db.js";
import { fileContent } from "../../helpers/botHarness.js";
import { API, plainOctokit, useNock } from "../../helpers/nockGitHub.js";
import { plan, report, step } from "../../helpers/reportFixtures.js";

const R = "/repos/acme/infra";
const HEAD = "c".repeat(40);
const event = (body: string, login = "alice") => ({ commentId: 5, body, author: { login, type: "User" }, issueNumber: 7, isPull: true });

function github(opts: { fork?: boolean } = {}) {
  return nock(API)
    .post(`${R}/issues/comments/5/reactions`, { content: "eyes" })
    .reply(201, {})
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(404, {})
    .get(`${R}/pulls/7`)
    .reply(200, {
      state: "open",
      head: { sha: HEAD, ref: "feat", repo: { full_name: opts.fork ? "outsider/infra" : "acme/infra" } },
      base: { sha: "d".repeat(40), ref: "main", repo: { full_name: "acme/infra" } },
    })
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: HEAD })
    .reply(200, fileContent("environments:\n  dev: {}\n  prod: {}\n"));
}

function finish(scope: nock.Scope, final: "rocket" | "confused", bodies: string[]) {
  scope
    .post(`${R}/issues/7/comments`, (b: { body: string }) => {
      bodies.push(b.body);
      return true;
    })
    .reply(201, { id: 1 })
    .post(`${R}/issues/comments/5/reactions`, { content: final })
    .reply(201, {});
}

function input(over: Partial<ChatOpsInput> = {}): ChatOpsInput {
  return {
    gh: plainOctokit(),
    ref: { owner: "acme", repo: "infra" },
    defaultBranch: "main",
    defaults: { path: "." },
    plan: () => Promise.reject(new Error("plan not expected")),
    report: () => Promise.reject(new Error("report not expected")),
    unlock: () => Promise.reject(new Error("unlock not expected")),
    apply: () => Promise.reject(new Error("apply not expected")),
    locks: store,
    ...over,
  };
}

let store: StateStore;
beforeAll(async () => {
  store = await openState(path.join(await mkdtemp(path.join(tmpdir(), "w3o-handle-")), "state.db"));
});
afterAll(() => store?.close());

describe("handleComment", () => {
  useNock();

  it("/w3o plan dev re-runs the review for dev only and replies with its summary line", async () => {
    const bodies: string[] = [];
    finish(github(), "rocket", bodies);
    const asked: (string[] | undefined)[] = [];
    const rendered = renderReport(report({ environments: [{ name: "dev", plan: plan("dev", [step("local", "Token")]), unread: [] }] }));
    const out = await handleComment(
      event("/w3o plan dev"),
      input({
        plan: async (_p: PullFacts, _s: AppRepoSettings, envs?: string[]) => {
          asked.push(envs);
          return { outcome: "posted", rendered, checkRunId: 1, commentId: 2 };
        },
      }),
    );
    expect(asked).toEqual([["dev"]]);
    expect(out.outcome).toBe("done");
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toBe(
      `> /w3o plan dev\n\n@alice ${rendered.comment.split("\n\n").slice(0, 2).join("\n\n")}\n\nThe report comment and the **w3o** check run are updated.`,
    );
    expect(bodies[0]).toContain("`dev`: 1 to create");
  });

  it("a crashed review is 😕 with the reason", async () => {
    const bodies: string[] = [];
    finish(github(), "confused", bodies);
    await handleComment(event("/w3o plan"), input({ plan: async () => ({ outcome: "crashed", reason: "rpc down", checkRunId: 1 }) }));
    expect(bodies).toEqual(["> /w3o plan\n\n@alice the review crashed: rpc down"]);
  });

  it("a fork's PR: apply refused without asking for permissions; plan says it ran without secrets", async () => {
    const bodies: string[] = [];
    finish(github({ fork: true }), "confused", bodies);
    await handleComment(event("/w3o apply dev"), input());
    expect(bodies[0]).toContain("A pull request from a fork is never applied");
    const rendered = renderReport(report({ environments: [{ name: "dev", unread: [] }] }));
    finish(github({ fork: true }), "rocket", bodies);
    await handleComment(event("/w3o plan"), input({ plan: async () => ({ outcome: "posted", rendered, checkRunId: 1 }) }));
    expect(bodies[1]).toContain("This pull request is from a fork: it was reviewed without the app's secrets, and it is never applied.");
  });

  it("apply without an environment names the choices instead of skipping the allow-list", async () => {
    const bodies: string[] = [];
    finish(github(), "confused", bodies);
    await handleComment(event("/w3o apply"), input());
    expect(bodies).toEqual(["> /w3o apply\n\n@alice `apply` needs an environment: `/w3o apply dev`, `/w3o apply prod`."]);
  });

  it("/w3o recommend on a repo without a use case says why there is nothing", async () => {
    const bodies: string[] = [];
    finish(github(), "confused", bodies);
    const seen: boolean[] = [];
    await handleComment(
      event("/w3o recommend"),
      input({
        report: async (_p, _s, o) => {
          seen.push(o.recommend);
          return report();
        },
      }),
    );
    expect(seen).toEqual([true]);
    expect(bodies[0]).toContain("`w3o.yaml` has no `useCase`");
  });

  it("a custom prefix: the reply's help uses it", async () => {
    const bodies: string[] = [];
    const scope = nock(API).post(`${R}/issues/comments/5/reactions`, { content: "eyes" }).reply(201, {});
    finish(scope, "rocket", bodies);
    await handleComment(event("/deploy help"), input({ prefix: "/deploy" }));
    expect(bodies[0]).toContain("`/deploy plan [ENV]`");
  });
});
