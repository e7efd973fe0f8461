import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";
import { stickyMarker } from "../../src/github/stickyComment.js";
import { ROOT } from "../helpers/cli.js";
import { EXTRA_CONTRACT, type PrRepo, prRepo } from "../helpers/prRepo.js";
import { INSTALLATION, pullPayload } from "../helpers/webhookPayloads.js";

// No nock here: the app runs in its own process and talks HTTP to a local server standing in for GitHub.
type Seen = { method: string; path: string; body: string };
const SECRET = "process-test-webhook-secret";
let devnet: Anvil;
let origin: PrRepo;
let head: string;
let bot: ChildProcess | undefined;
let fake: http.Server;
const seen: Seen[] = [];
let completed: (body: Record<string, unknown>) => void;
const done = new Promise<Record<string, unknown>>((r) => {
  completed = r;
});

/** GitHub's REST API as far as one review needs it (GHE layout: /api/v3). */
function github(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  const route = `${req.method} ${decodeURIComponent(url.pathname.replace(/^\/api\/v3/, ""))}`;
  seen.push({ method: req.method ?? "", path: route, body });
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  const R = "/repos/acme/infra";
  const pull = {
    number: 7,
    state: "open",
    head: { sha: head, ref: "feat", repo: { full_name: "acme/infra" } },
    base: { sha: origin.base, ref: "main", repo: { full_name: "acme/infra" } },
  };
  const comments = seen.some((s) => s.path === `POST ${R}/issues/7/comments`)
    ? [{ id: 500, user: { login: "w3o-proc[bot]" }, body: `${stickyMarker("report")}\n…` }]
    : [];
  const routes: Record<string, () => void> = {
    [`POST /app/installations/${INSTALLATION}/access_tokens`]: () =>
      json(201, { token: "ghs_processTOKEN00000000000000", expires_at: "2999-01-01T00:00:00Z" }),
    "GET /app": () => json(200, { id: 1, slug: "w3o-proc" }),
    [`GET ${R}/contents/.github/w3o.yml`]: () => json(404, { message: "Not Found" }),
    [`GET ${R}/contents/w3o.yaml`]: () =>
      json(200, { type: "file", encoding: "base64", content: Buffer.from("version: 1\n").toString("base64") }),
    [`GET ${R}/pulls/7/files`]: () => json(200, [{ filename: "contracts/extra.yaml" }]),
    [`POST ${R}/check-runs`]: () => json(201, { id: 31 }),
    [`GET ${R}/pulls/7`]: () => json(200, pull),
    [`GET ${R}/issues/7/comments`]: () => json(200, comments),
    [`POST ${R}/issues/7/comments`]: () => json(201, { id: 500 }),
    [`PATCH ${R}/check-runs/31`]: () => {
      json(200, {});
      completed(JSON.parse(body));
    },
  };
  (routes[route] ?? (() => json(404, { message: `not in the test: ${route}` })))();
}

function post(port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/github/webhooks", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  origin = await prRepo();
  head = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT }, "add ExtraCollection");
  fake = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => github(req, body, res));
  });
  await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
}, 60_000);

afterAll(async () => {
  // The npm → tsx → node chain runs in its own process group: end that group, which this test started.
  try {
    if (bot?.pid) process.kill(-bot.pid, "SIGTERM");
  } catch {
    // Already gone (it failed to start): nothing of ours left to end.
  }
  fake?.close();
  await devnet?.stop();
});

describe("npm run bot", () => {
  it("serves Probot's webhook endpoint: a signed pull_request event leads to the review's GitHub calls", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "w3o-botproc-"));
    const port = await freePort();
    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    let output = "";
    bot = spawn("npm", ["run", "--silent", "bot"], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        APP_ID: "1",
        PRIVATE_KEY: key,
        WEBHOOK_SECRET: SECRET,
        GHE_HOST: `127.0.0.1:${(fake.address() as AddressInfo).port}`,
        GHE_PROTOCOL: "http",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        W3O_GIT_URL: origin.baseUrl,
        W3O_VARS: "LOCAL_RPC_URL",
        LOCAL_RPC_URL: devnet.url,
        W3O_STATE_DB: path.join(dir, "state.db"),
        W3O_WORKSPACE_DIR: path.join(dir, "ws"),
      },
    });
    bot.stdout?.on("data", (d) => {
      output += d;
    });
    bot.stderr?.on("data", (d) => {
      output += d;
    });
    for (let i = 0; i < 200 && !/Listening on/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/Listening on/);

    const body = JSON.stringify(pullPayload("opened", head, origin.base));
    const status = await post(port, body, {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": "proc-1",
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    });
    expect(status, output).toBe(200);

    const check = await Promise.race([
      done,
      new Promise<never>((_, j) => setTimeout(() => j(new Error(`no check completed:\n${output}`)), 90_000)),
    ]);
    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(seen.map((s) => s.path)).toEqual([
      `POST /app/installations/${INSTALLATION}/access_tokens`,
      "GET /app",
      "GET /repos/acme/infra/contents/.github/w3o.yml",
      "GET /repos/acme/infra/contents/w3o.yaml",
      "GET /repos/acme/infra/pulls/7/files",
      "POST /repos/acme/infra/check-runs",
      "GET /repos/acme/infra/pulls/7",
      "GET /repos/acme/infra/issues/7/comments",
      "POST /repos/acme/infra/issues/7/comments",
      "GET /repos/acme/infra/issues/7/comments",
      "PATCH /repos/acme/infra/check-runs/31",
    ]);
    const comment = JSON.parse(seen.find((s) => s.path.startsWith("POST /repos/acme/infra/issues/7/comments"))?.body ?? "{}");
    expect(comment.body).toMatch(/\+ create\s+ExtraCollection/);
  }, 150_000);
});
