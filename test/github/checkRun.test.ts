import nock from "nock";
import { describe, expect, it } from "vitest";
import { type Annotation, completeCheckRun, failCheckRun, guardOutgoing, startCheckRun } from "../../src/github/index.js";
import { API, plainOctokit, useNock } from "../helpers/nockGitHub.js";

const REF = { owner: "acme", repo: "infra" };
const SHA = "a".repeat(40);

function annotations(n: number): Annotation[] {
  return Array.from({ length: n }, (_, i) => ({
    path: "w3o.yaml",
    startLine: i + 1,
    startColumn: 3,
    level: "failure",
    message: `error ${i}`,
  }));
}

describe("check runs", () => {
  useNock();

  it("starts in progress on the head commit", async () => {
    const gh = plainOctokit();
    let sent: Record<string, unknown> = {};
    nock(API)
      .post("/repos/acme/infra/check-runs", (body) => {
        sent = body;
        return true;
      })
      .reply(201, { id: 77 });

    expect(await startCheckRun(gh, REF, { name: "w3o", headSha: SHA })).toEqual({ id: 77, headSha: SHA });
    expect(sent).toMatchObject({ name: "w3o", head_sha: SHA, status: "in_progress" });
  });

  it("sends 120 annotations in batches of 50, 50 and 20, concluding only with the last", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    const bodies: Record<string, unknown>[] = [];
    nock(API)
      .patch("/repos/acme/infra/check-runs/77", (body) => bodies.push(body) > 0)
      .times(3)
      .reply(200, { id: 77 });

    const res = await completeCheckRun(
      gh,
      REF,
      { id: 77, headSha: SHA },
      {
        conclusion: "failure",
        output: { title: "3 config errors", summary: "summary", annotations: annotations(120) },
      },
    );

    expect(res.requests).toBe(3);
    expect(calls).toHaveLength(3);
    const sizes = bodies.map((b) => ((b.output as { annotations: unknown[] }).annotations ?? []).length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(bodies.map((b) => b.conclusion)).toEqual([undefined, undefined, "failure"]);
    expect(bodies[2]).toMatchObject({ status: "completed" });
    const first = (bodies[0]!.output as { annotations: Record<string, unknown>[] }).annotations[0];
    expect(first).toEqual({
      path: "w3o.yaml",
      start_line: 1,
      end_line: 1,
      start_column: 3,
      end_column: 3,
      annotation_level: "failure",
      message: "error 0",
    });
    // Every batch repeats the title and summary: GitHub requires them with annotations.
    for (const b of bodies) expect(b.output).toMatchObject({ title: "3 config errors", summary: "summary" });
  });

  it("completes in one request when there are 50 or fewer annotations, and drops columns on multi-line ones", async () => {
    const gh = plainOctokit();
    const bodies: Record<string, unknown>[] = [];
    nock(API)
      .patch("/repos/acme/infra/check-runs/77", (body) => bodies.push(body) > 0)
      .reply(200, { id: 77 });

    await completeCheckRun(
      gh,
      REF,
      { id: 77, headSha: SHA },
      {
        conclusion: "success",
        output: {
          title: "ok",
          summary: "s",
          annotations: [{ path: "a.yaml", startLine: 2, endLine: 4, startColumn: 1, level: "warning", message: "m" }],
        },
      },
    );

    expect(bodies).toHaveLength(1);
    const sent = (bodies[0]!.output as { annotations: Record<string, unknown>[] }).annotations[0];
    expect(sent).toEqual({ path: "a.yaml", start_line: 2, end_line: 4, annotation_level: "warning", message: "m" });
  });

  it("a crashed run completes its check as failed with the reason", async () => {
    const gh = plainOctokit();
    let sent: Record<string, unknown> = {};
    nock(API)
      .patch("/repos/acme/infra/check-runs/77", (body) => {
        sent = body;
        return true;
      })
      .reply(200, {});

    await failCheckRun(gh, REF, { id: 77, headSha: SHA }, 'the RPC endpoint of network "mainnet" failed 5 times');

    expect(sent).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { summary: 'the RPC endpoint of network "mainnet" failed 5 times' },
    });
  });
});
