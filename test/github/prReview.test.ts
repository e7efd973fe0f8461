import nock from "nock";
import { describe, expect, it } from "vitest";
import { guardOutgoing, reviewPullRequestOnGitHub, stickyMarker } from "../../src/github/index.js";
import { API, plainOctokit, useNock } from "../helpers/nockGitHub.js";
import { plan, report, step } from "../helpers/reportFixtures.js";

const REF = { owner: "acme", repo: "infra" };
const SHA = "e".repeat(40);
const BOT = "w3o-app[bot]";
const pull = (sha: string) => ({
  number: 7,
  state: "open",
  head: { sha, ref: "feat", repo: { full_name: "acme/infra" } },
  base: { sha: "f".repeat(40), ref: "main", repo: { full_name: "acme/infra" } },
});
const dev = () => report({ headSha: SHA, environments: [{ name: "dev", plan: plan("dev", [step("local", "AcmeToken")]), unread: [] }] });

describe("reviewPullRequestOnGitHub", () => {
  useNock();

  it("steady state: check run opened then completed, the PR read once, the one comment edited — five calls", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    const sent: Record<string, unknown>[] = [];
    const keep = (b: Record<string, unknown>) => sent.push(b) > 0;
    nock(API)
      .post("/repos/acme/infra/check-runs", keep)
      .reply(201, { id: 31 })
      .get("/repos/acme/infra/pulls/7")
      .reply(200, pull(SHA))
      .get("/repos/acme/infra/issues/7/comments")
      .query(true)
      .reply(200, [{ id: 90, user: { login: BOT }, body: `${stickyMarker("report")}\nold` }])
      .patch("/repos/acme/infra/issues/comments/90", keep)
      .reply(200, {})
      .patch("/repos/acme/infra/check-runs/31", keep)
      .reply(200, {});

    const res = await reviewPullRequestOnGitHub({
      gh,
      ref: REF,
      pull: { number: 7, headSha: SHA },
      author: BOT,
      review: async () => dev(),
    });

    expect(res.outcome).toBe("posted");
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      "POST /repos/{owner}/{repo}/check-runs",
      "GET /repos/{owner}/{repo}/pulls/{pull_number}",
      "GET /repos/acme/infra/issues/7/comments",
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
    ]);
    expect(sent[0]).toMatchObject({ name: "w3o", head_sha: SHA, status: "in_progress" });
    expect(String(sent[1]?.body)).toMatch(/\+ create\s+AcmeToken/);
    expect(sent[2]).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Ready to merge" } });
  });

  it("a newer push supersedes the run: no comment, the check completes as neutral", async () => {
    const gh = plainOctokit();
    let completed: Record<string, unknown> = {};
    nock(API)
      .post("/repos/acme/infra/check-runs")
      .reply(201, { id: 32 })
      .get("/repos/acme/infra/pulls/7")
      .reply(200, pull("9".repeat(40)))
      .patch("/repos/acme/infra/check-runs/32", (b) => {
        completed = b;
        return true;
      })
      .reply(200, {});

    const res = await reviewPullRequestOnGitHub({
      gh,
      ref: REF,
      pull: { number: 7, headSha: SHA },
      author: BOT,
      review: async () => dev(),
    });

    expect(res.outcome).toBe("superseded");
    expect(completed).toMatchObject({ conclusion: "neutral", output: { title: "Superseded by a newer push" } });
  });

  it("a crash completes the check as failed with the redacted reason", async () => {
    const gh = plainOctokit();
    let completed: Record<string, unknown> = {};
    nock(API)
      .post("/repos/acme/infra/check-runs")
      .reply(201, { id: 33 })
      .patch("/repos/acme/infra/check-runs/33", (b) => {
        completed = b;
        return true;
      })
      .reply(200, {});

    const res = await reviewPullRequestOnGitHub({
      gh,
      ref: REF,
      pull: { number: 7, headSha: SHA },
      author: BOT,
      review: async () => {
        throw new Error("clone of https://x-access-token:ghs_secret123@github.com/acme/infra failed");
      },
    });

    expect(res.outcome).toBe("crashed");
    expect(completed).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "w3o could not finish this review" } });
    expect(JSON.stringify(completed)).not.toContain("ghs_secret123");
  });
});
