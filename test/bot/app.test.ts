import { createHmac } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import nock from "nock";
import { createNodeMiddleware, type Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotOptions } from "../../bot/env.js";
import { w3oApp } from "../../bot/index.js";
import type { Anvil } from "../../src/devnet/index.js";
import { stickyMarker } from "../../src/github/stickyComment.js";
import { openState } from "../../src/state/db.js";
import {
  BOT,
  type Call,
  fileContent,
  INSTALLATION,
  pullPayload,
  recordGitHub,
  rerequestedPayload,
  testProbot,
} from "../helpers/botHarness.js";
import { startDevnetOutsideNock, useNock } from "../helpers/nockGitHub.js";
import { EXTRA_CONTRACT, type PrRepo, prRepo } from "../helpers/prRepo.js";

let devnet: Anvil;
let origin: PrRepo;
let head: string;
const R = "/repos/acme/infra";

beforeAll(async () => {
  devnet = await startDevnetOutsideNock();
  origin = await prRepo();
  head = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT }, "add ExtraCollection");
}, 60_000);
afterAll(async () => {
  await devnet?.stop();
});

async function options(extra: Partial<BotOptions> = {}): Promise<BotOptions> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-bot-"));
  return {
    defaults: { path: "." },
    repos: [],
    vars: { LOCAL_RPC_URL: devnet.url },
    secrets: [],
    statePath: path.join(dir, "state.db"),
    workspaceDir: path.join(dir, "workspace"),
    gitUrl: origin.baseUrl,
    ...extra,
  };
}

async function app(opts: BotOptions): Promise<Probot> {
  const probot = testProbot();
  await probot.load(w3oApp(opts, openState(opts.statePath)));
  return probot;
}

const pullFacts = (sha: string, fork = false) => ({
  number: 7,
  state: "open",
  head: { sha, ref: "feat", repo: { full_name: fork ? "outsider/infra" : "acme/infra" } },
  base: { sha: origin.base, ref: "main", repo: { full_name: "acme/infra" } },
});

/** The reads every reviewed event makes before the PR flow: token, settings, w3o.yaml, PR files. */
function reads(github: nock.Scope, sha: string, files: string[]) {
  github
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .optionally()
    .reply(201, { token: "ghs_installationTOKEN000000000000", expires_at: "2999-01-01T00:00:00Z" })
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(404, { message: "Not Found" })
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: sha })
    .reply(200, fileContent("version: 1\n"))
    .get(`${R}/pulls/7/files`)
    .query(true)
    .reply(
      200,
      files.map((filename) => ({ filename })),
    );
}

/** A first review of PR #7 at `sha`: check run, PR read, no comment yet so one is created, check completed. */
function firstReview(github: nock.Scope, sha: string, checkId: number, opts: { fork?: boolean; files?: string[] } = {}) {
  reads(github, sha, opts.files ?? ["contracts/extra.yaml"]);
  github
    .post(`${R}/check-runs`)
    .reply(201, { id: checkId })
    .get(`${R}/pulls/7`)
    .reply(200, pullFacts(sha, opts.fork))
    .get(`${R}/issues/7/comments`)
    .query(true)
    .reply(200, [])
    .post(`${R}/issues/7/comments`)
    .reply(201, { id: 600 + checkId })
    .get(`${R}/issues/7/comments`)
    .query(true)
    .reply(200, [{ id: 600 + checkId, user: { login: BOT }, body: `${stickyMarker("report")}\n…` }])
    .patch(`${R}/check-runs/${checkId}`)
    .reply(200, {});
}

const routes = (calls: Call[]) => calls.map((c) => `${c.method} ${c.path.replace(/\?.*$/, "")}`);
const bodies = (calls: Call[], re: RegExp) =>
  calls.filter((c) => re.test(`${c.method} ${c.path}`)).map((c) => c.body as Record<string, unknown>);

describe("the w3o app", () => {
  useNock();

  it("a PR adding a contract: check run opened then completed, one comment with + create; a push edits it", async () => {
    const opts = await options({ botLogin: BOT });
    const probot = await app(opts);
    const { calls, github } = recordGitHub();
    reads(github, head, ["contracts/extra.yaml"]);
    github
      .post(`${R}/check-runs`)
      .reply(201, { id: 31 })
      .get(`${R}/pulls/7`)
      .reply(200, pullFacts(head))
      .get(`${R}/issues/7/comments`)
      .query(true)
      .reply(200, [])
      .post(`${R}/issues/7/comments`)
      .reply(201, { id: 500 })
      .get(`${R}/issues/7/comments`)
      .query(true)
      .reply(200, [{ id: 500, user: { login: BOT }, body: `${stickyMarker("report")}\n…` }])
      .patch(`${R}/check-runs/31`)
      .reply(200, {});

    await probot.receive({ id: "d-1", name: "pull_request", payload: pullPayload("opened", head, origin.base) } as never);

    expect(bodies(calls, /^POST .*check-runs$/)[0]).toMatchObject({ name: "w3o", head_sha: head, status: "in_progress" });
    const comment = String(bodies(calls, /^POST .*issues\/7\/comments$/)[0]?.body);
    expect(comment.startsWith(stickyMarker("report"))).toBe(true);
    expect(comment).toMatch(/\+ create\s+ExtraCollection/);
    expect(bodies(calls, /^PATCH .*check-runs\/31$/)[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expect(nock.isDone()).toBe(true);

    // The next push: the same comment is edited; one check create, one check update, one comment edit.
    const next = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT.replace('"Extra"', '"Extra2"') }, "rename");
    const second = recordGitHub();
    reads(second.github, next, ["contracts/extra.yaml"]);
    second.github
      .post(`${R}/check-runs`)
      .reply(201, { id: 32 })
      .get(`${R}/pulls/7`)
      .reply(200, pullFacts(next))
      .get(`${R}/issues/7/comments`)
      .query(true)
      .reply(200, [{ id: 500, user: { login: BOT }, body: `${stickyMarker("report")}\nold` }])
      .patch(`${R}/issues/comments/500`)
      .reply(200, {})
      .patch(`${R}/check-runs/32`)
      .reply(200, {});
    await probot.receive({ id: "d-2", name: "pull_request", payload: pullPayload("synchronize", next, origin.base) } as never);

    const writes = routes(second.calls).filter((r) => !r.startsWith("GET") && !r.includes("access_tokens"));
    expect(writes).toEqual([`POST ${R}/check-runs`, `PATCH ${R}/issues/comments/500`, `PATCH ${R}/check-runs/32`]);
    expect(routes(second.calls).filter((r) => r.startsWith("GET"))).toEqual([
      `GET ${R}/contents/.github/w3o.yml`,
      `GET ${R}/contents/w3o.yaml`,
      `GET ${R}/pulls/7/files`,
      `GET ${R}/pulls/7`,
      `GET ${R}/issues/7/comments`,
    ]);
    expect(String(bodies(second.calls, /comments\/500$/)[0]?.body)).toMatch(/\+ create\s+ExtraCollection/);
  }, 120_000);

  it("a PR with config errors: annotations at the file and line, conclusion failure", async () => {
    const broken = await prRepo();
    const w3o = await readFile(path.join(broken.dir, "w3o.yaml"), "utf8");
    const sha = await broken.commit({ "w3o.yaml": w3o.replace("autoApply: true", "autoAplly: true") }, "typo");
    const probot = await app(await options({ botLogin: BOT, gitUrl: broken.baseUrl }));
    const { calls, github } = recordGitHub();
    firstReview(github, sha, 41, { files: ["w3o.yaml"] });

    await probot.receive({ id: "d-cfg", name: "pull_request", payload: pullPayload("opened", sha, broken.base) } as never);

    const done = bodies(calls, /^PATCH .*check-runs\/41$/)[0] as { conclusion: string; output: { annotations: Record<string, unknown>[] } };
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toContainEqual(
      expect.objectContaining({
        path: "w3o.yaml",
        start_line: 28,
        annotation_level: "failure",
        message: expect.stringContaining("autoAplly"),
      }),
    );
    expect(String(bodies(calls, /^POST .*issues\/7\/comments$/)[0]?.body)).toContain("autoAplly");
  }, 120_000);

  it("a fork's PR gets no secrets: the report appears and says live state was not read", async () => {
    const probot = await app(
      await options({ botLogin: BOT, vars: { LOCAL_RPC_URL: devnet.url, MAINNET_RPC_URL: "https://x.example/v3/k" } }),
    );
    const { calls, github } = recordGitHub();
    firstReview(github, head, 51, { fork: true });

    await probot.receive({
      id: "d-fork",
      name: "pull_request",
      payload: pullPayload("opened", head, origin.base, { fork: true }),
    } as never);

    const comment = String(bodies(calls, /^POST .*issues\/7\/comments$/)[0]?.body);
    expect(comment).toContain("`dev`: not planned (1 network without live state)");
    expect(comment).toContain("a pull request from a fork gets no secrets");
    expect(bodies(calls, /^PATCH .*check-runs\/51$/)[0]).toMatchObject({ status: "completed" });
  }, 120_000);

  it("a redelivered webhook (same X-GitHub-Delivery) is handled once, also after the app restarts", async () => {
    const opts = await options({ botLogin: BOT });
    const store = openState(opts.statePath);
    const probot = testProbot();
    await probot.load(w3oApp(opts, store));
    const { calls, github } = recordGitHub();
    firstReview(github, head, 61);
    const event = { id: "d-again", name: "pull_request", payload: pullPayload("reopened", head, origin.base) } as never;

    await probot.receive(event);
    const first = calls.length;
    await probot.receive(event);
    await (await store).close();
    // A restarted app: a new Probot, the state database opened again from its file.
    const restarted = testProbot();
    await restarted.load(w3oApp(opts, openState(opts.statePath)));
    await restarted.receive(event);

    expect(first).toBeGreaterThanOrEqual(8);
    expect(calls).toHaveLength(first);
    expect(bodies(calls, /^POST .*check-runs$/)).toHaveLength(1);
  }, 120_000);

  it("a bad webhook signature: 400 and no GitHub call", async () => {
    const probot = testProbot();
    const middleware = await createNodeMiddleware(w3oApp(await options({ botLogin: BOT })), { probot });
    const server = http.createServer((req, res) => middleware(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const unmatched: string[] = [];
    nock.emitter.on("no match", (req: { path?: string; url?: string }) => unmatched.push(String(req.url ?? req.path)));
    const body = JSON.stringify(pullPayload("opened", head, origin.base));
    const post = (signature: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/api/github/webhooks",
            headers: {
              "content-type": "application/json",
              "x-github-event": "pull_request",
              "x-github-delivery": "d-badsig",
              "x-hub-signature-256": signature,
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    try {
      const wrong = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
      expect(await post(wrong)).toBe(400);
      expect(await post("sha256=00")).toBe(400);
    } finally {
      server.close();
      nock.emitter.removeAllListeners("no match");
    }
    expect(unmatched.filter((u) => !u.includes("127.0.0.1"))).toEqual([]);
  });

  it("secrets planted in the PR's files and in the app's environment reach no request body", async () => {
    const planted = {
      key: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
      mnemonic: "legal winner thank year wave sausage worth useful legal winner thank yellow",
      infura: "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef",
      alchemy: "https://eth-mainnet.g.alchemy.com/v2/AbCdEf1234567890XyZ98765",
    };
    const appEnv = {
      key: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
      rpc: "https://sepolia.infura.io/v3/fedcba9876543210fedcba9876543210",
      token: "ghs_installationTOKEN000000000000",
    };
    const leaky = await prRepo();
    const sha = await leaky.commit(
      {
        "contracts/extra.yaml": EXTRA_CONTRACT.replace("ipfs://x/", planted.alchemy),
        "notes/ops.md": `deployer ${planted.key}\nseed: ${planted.mnemonic}\nrpc: ${planted.infura}\n`,
        ".env.prod": `PROD_DEPLOYER_KEY=${planted.key}\nMAINNET_RPC_URL=${planted.infura}\nMNEMONIC="${planted.mnemonic}"\n`,
      },
      "leak",
    );
    const probot = await app(
      await options({
        botLogin: BOT,
        gitUrl: leaky.baseUrl,
        vars: { LOCAL_RPC_URL: devnet.url, SEPOLIA_RPC_URL: appEnv.rpc, STAGING_DEPLOYER_KEY: appEnv.key },
        secrets: [appEnv.rpc, appEnv.key],
      }),
    );
    const { calls, github } = recordGitHub();
    firstReview(github, sha, 71, { files: ["contracts/extra.yaml", "notes/ops.md", ".env.prod"] });

    await probot.receive({ id: "d-leak", name: "pull_request", payload: pullPayload("opened", sha, leaky.base) } as never);

    const sent = JSON.stringify(calls.map((c) => c.body));
    expect(calls.filter((c) => c.method !== "GET").length).toBeGreaterThanOrEqual(3);
    for (const value of [
      ...Object.values(planted),
      appEnv.key,
      appEnv.rpc,
      appEnv.token,
      "0123456789abcdef0123456789abcdef",
      "AbCdEf1234567890XyZ98765",
    ]) {
      expect(sent).not.toContain(value);
    }
    expect(sent).not.toContain(planted.mnemonic.split(" ").slice(0, 4).join(" "));
  }, 120_000);

  it("Re-run on w3o's own check run reviews the PR again; another app's check run and other repos are left alone", async () => {
    const probot = await app(await options({ repos: ["acme/infra"] }));
    const { calls, github } = recordGitHub();
    github.get("/app").reply(200, { id: 1, slug: "w3o-test" });
    firstReview(github, head, 81);

    await probot.receive({ id: "d-rerun", name: "check_run", payload: rerequestedPayload(head, origin.base, "w3o-test") } as never);
    await probot.receive({ id: "d-other", name: "check_run", payload: rerequestedPayload(head, origin.base, "someone-else") } as never);
    const elsewhere = pullPayload("opened", head, origin.base) as { repository: Record<string, unknown> };
    elsewhere.repository = { ...elsewhere.repository, full_name: "acme/website", name: "website" };
    await probot.receive({ id: "d-elsewhere", name: "pull_request", payload: elsewhere } as never);

    expect(bodies(calls, /^POST .*check-runs$/)).toEqual([expect.objectContaining({ head_sha: head, status: "in_progress" })]);
    expect(bodies(calls, /^POST .*issues\/7\/comments$/)).toHaveLength(1);
    expect(calls.filter((c) => c.path === "/app")).toHaveLength(1);
  }, 120_000);

  it("a repo without w3o.yaml is ignored after one read; settings come from the default branch", async () => {
    const probot = await app(await options({ botLogin: BOT }));
    const { calls, github } = recordGitHub();
    github
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .optionally()
      .reply(201, { token: "ghs_installationTOKEN000000000000", expires_at: "2999-01-01T00:00:00Z" })
      .get(`${R}/contents/.github%2Fw3o.yml`)
      .query({ ref: "main" })
      .reply(200, fileContent("path: infra\nfailOn: critical\n"))
      .get(`${R}/contents/infra%2Fw3o.yaml`)
      .query({ ref: head })
      .reply(404, { message: "Not Found" });

    await probot.receive({ id: "d-none", name: "pull_request", payload: pullPayload("opened", head, origin.base) } as never);

    expect(routes(calls).filter((r) => !r.includes("access_tokens"))).toEqual([
      `GET ${R}/contents/.github/w3o.yml`,
      `GET ${R}/contents/infra/w3o.yaml`,
    ]);
  });
});
