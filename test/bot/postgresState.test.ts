import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botOptionsFromEnv } from "../../bot/env.js";
import { w3oApp } from "../../bot/index.js";
import { BOT, commentPayload, INSTALLATION, recordGitHub, testProbot } from "../helpers/botHarness.js";
import { useNock } from "../helpers/nockGitHub.js";
import { type PgCluster, startPostgres } from "../helpers/postgres.js";

const R = "/repos/acme/infra";
let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(() => cluster?.stop());

async function deliveries(url: string): Promise<{ id: string; event: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("select id, event from deliveries order by id")).rows;
  } finally {
    await client.end();
  }
}

describe("the app's state in PostgreSQL (W3O_STATE_URL)", () => {
  useNock();

  it("two app replicas on one database: a redelivered webhook is handled once, its claim is in PostgreSQL", async () => {
    const url = await cluster.createDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "w3o-bot-pg-"));
    const sqlite = path.join(dir, "state.db");
    const env = { W3O_STATE_URL: url, W3O_STATE_DB: sqlite, W3O_WORKSPACE_DIR: path.join(dir, "ws"), W3O_BOT_LOGIN: BOT };
    // Two replicas, each reading its options from the environment as `probot run` does, each opening the store itself.
    const replicas = [testProbot(), testProbot()];
    for (const r of replicas) await r.load(w3oApp(botOptionsFromEnv(env, dir)));

    const { calls, github } = recordGitHub();
    github
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .optionally()
      .reply(201, { token: "ghs_installationTOKEN000000000000", expires_at: "2999-01-01T00:00:00Z" })
      .post(`${R}/issues/comments/9001/reactions`, { content: "eyes" })
      .reply(201, {})
      .post(`${R}/issues/7/comments`)
      .reply(201, { id: 77 })
      .post(`${R}/issues/comments/9001/reactions`, { content: "rocket" })
      .reply(201, {});
    const event = { id: "d-pg-1", name: "issue_comment", payload: commentPayload("created", "/w3o help") } as never;

    await replicas[0]?.receive(event);
    await replicas[1]?.receive(event);
    await replicas[0]?.receive(event);

    expect(calls.filter((c) => !c.path.includes("access_tokens")).map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST ${R}/issues/comments/9001/reactions`,
      `POST ${R}/issues/7/comments`,
      `POST ${R}/issues/comments/9001/reactions`,
    ]);
    expect(await deliveries(url)).toEqual([{ id: "d-pg-1", event: "issue_comment" }]);
    expect(existsSync(sqlite)).toBe(false);
  }, 60_000);

  it("a W3O_STATE_URL that is not a PostgreSQL URL stops the app at start", () => {
    expect(() => botOptionsFromEnv({ W3O_STATE_URL: "./state.db" })).toThrow(/W3O_STATE_URL must be a postgres:\/\//);
  });
});
