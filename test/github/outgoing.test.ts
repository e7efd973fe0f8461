import nock from "nock";
import { describe, expect, it } from "vitest";
import { completeCheckRun, createOctokit, guardOutgoing, upsertStickyComment } from "../../src/github/index.js";
import { API, plainOctokit, useNock } from "../helpers/nockGitHub.js";

const REF = { owner: "acme", repo: "infra" };
// anvil's public dev key #0, standing in for a key that reached a report by mistake.
const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const RPC = "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef";

describe("every request to GitHub", () => {
  useNock();

  it("carries no known secret and no credential in a URL, whichever call sends it", async () => {
    const gh = plainOctokit();
    guardOutgoing(gh, [KEY]);
    const raw: string[] = [];
    const keep = (body: unknown) => raw.push(JSON.stringify(body)) > 0;
    nock(API)
      .get("/repos/acme/infra/issues/1/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/infra/issues/1/comments", keep)
      .reply(201, { id: 1 })
      .get("/repos/acme/infra/issues/1/comments")
      .query(true)
      .reply(200, [])
      .patch("/repos/acme/infra/check-runs/5", keep)
      .reply(200, {});

    const leaky = `signer key ${KEY} and endpoint ${RPC}`;
    await upsertStickyComment(gh, REF, { issueNumber: 1, key: "report", author: "bot[bot]", body: leaky });
    await completeCheckRun(
      gh,
      REF,
      { id: 5, headSha: "b".repeat(40) },
      {
        conclusion: "failure",
        output: {
          title: leaky,
          summary: leaky,
          text: leaky,
          annotations: [{ path: "w3o.yaml", startLine: 1, level: "failure", message: leaky }],
        },
      },
    );

    expect(raw).toHaveLength(2);
    for (const body of raw) {
      expect(body).not.toContain(KEY.slice(2));
      expect(body).not.toContain("0123456789abcdef0123456789abcdef");
      expect(body).toContain("https://mainnet.infura.io/v3/***");
    }
  });
});

describe("createOctokit", () => {
  useNock();

  it("retries a GitHub 502 and talks to the Enterprise URL it is given", async () => {
    const gh = createOctokit({ auth: "t", baseUrl: "https://ghe.example.com/api/v3/" });
    const { calls } = guardOutgoing(gh);
    nock("https://ghe.example.com")
      .get("/api/v3/repos/acme/infra")
      .reply(502, "bad gateway")
      .get("/api/v3/repos/acme/infra")
      .reply(200, { full_name: "acme/infra" });

    const res = await gh.rest.repos.get(REF);

    expect(res.data.full_name).toBe("acme/infra");
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it("waits out a primary rate limit and retries, saying so", async () => {
    const warnings: string[] = [];
    const gh = createOctokit({ auth: "t", onWarning: (m) => warnings.push(m) });
    const reset = Math.ceil(Date.now() / 1000) + 1;
    nock(API)
      .get("/repos/acme/infra")
      .reply(403, { message: "API rate limit exceeded" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) })
      .get("/repos/acme/infra")
      .reply(200, { full_name: "acme/infra" });

    expect((await gh.rest.repos.get(REF)).data.full_name).toBe("acme/infra");
    expect(warnings.join("\n")).toMatch(/primary rate limit on GET \/repos\/\{owner\}\/\{repo\}; retrying/);
  });
});
