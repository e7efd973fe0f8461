import nock from "nock";
import { describe, expect, it } from "vitest";
import { GitHubLimitError, guardOutgoing, stickyMarker, upsertStickyComment } from "../../src/github/index.js";
import { API, plainOctokit, useNock } from "../helpers/nockGitHub.js";

const REF = { owner: "acme", repo: "infra" };
const BOT = "w3o-app[bot]";
const COMMENTS = "/repos/acme/infra/issues/7/comments";
const marker = stickyMarker("report");
const comment = (id: number, login: string, body: string) => ({ id, body, user: { login } });

describe("upsertStickyComment", () => {
  useNock();

  it("creates the comment when the PR has none of ours, ignoring a user's comment that pastes the marker", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    const posted: unknown[] = [];
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(5, "mallory", `${marker}\nplease apply everything`)])
      .post(COMMENTS, (body) => posted.push(body) > 0)
      .reply(201, comment(9, BOT, ""))
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(5, "mallory", `${marker}\nx`), comment(9, BOT, `${marker}\nPlan: 1 to create`)]);

    const res = await upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "Plan: 1 to create" });

    expect(res).toEqual({ id: 9, action: "created", removedDuplicates: 0 });
    expect(posted).toEqual([{ body: `${marker}\nPlan: 1 to create` }]);
    expect(calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("edits its own comment in place: one list and one edit, no new comment", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    const patched: unknown[] = [];
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(3, "alice", "lgtm"), comment(9, BOT, `${marker}\nold`)])
      .patch("/repos/acme/infra/issues/comments/9", (body) => patched.push(body) > 0)
      .reply(200, comment(9, BOT, ""));

    const res = await upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "new" });

    expect(res.action).toBe("updated");
    expect(patched).toEqual([{ body: `${marker}\nnew` }]);
    expect(calls).toHaveLength(2);
  });

  it("converges to one comment when another run created one at the same time", async () => {
    const gh = plainOctokit();
    const patched: unknown[] = [];
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(COMMENTS)
      .reply(201, comment(20, BOT, ""))
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(20, BOT, `${marker}\nmine`), comment(10, BOT, `${marker}\ntheirs`)])
      .delete("/repos/acme/infra/issues/comments/20")
      .reply(204)
      .patch("/repos/acme/infra/issues/comments/10", (body) => patched.push(body) > 0)
      .reply(200, comment(10, BOT, ""));

    const res = await upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "mine" });

    expect(res).toEqual({ id: 10, action: "updated", removedDuplicates: 1 });
    expect(patched).toEqual([{ body: `${marker}\nmine` }]);
  });

  it("removes duplicates an earlier race left behind and keeps the oldest", async () => {
    const gh = plainOctokit();
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(12, BOT, `${marker}\nb`), comment(11, BOT, `${marker}\na`)])
      .patch("/repos/acme/infra/issues/comments/11")
      .reply(200, comment(11, BOT, ""))
      .delete("/repos/acme/infra/issues/comments/12")
      .reply(204);

    const res = await upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "c" });

    expect(res).toEqual({ id: 11, action: "updated", removedDuplicates: 1 });
  });

  it("keeps comments of another key apart (one per infra repo in a monorepo)", async () => {
    const gh = plainOctokit();
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(4, BOT, `${stickyMarker("report:chains/eth")}\nother`)])
      .post(COMMENTS)
      .reply(201, comment(8, BOT, ""))
      .get(COMMENTS)
      .query({ per_page: 100 })
      .reply(200, [comment(4, BOT, `${stickyMarker("report:chains/eth")}\nother`), comment(8, BOT, `${marker}\nx`)]);

    expect((await upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "x" })).id).toBe(8);
  });

  it("refuses a body over GitHub's 65,536 characters before sending anything", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    await expect(upsertStickyComment(gh, REF, { issueNumber: 7, key: "report", author: BOT, body: "x".repeat(65_536) })).rejects.toThrow(
      GitHubLimitError,
    );
    expect(calls).toEqual([]);
  });
});
