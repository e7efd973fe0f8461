import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nock from "nock";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import type { BotOptions } from "../../bot/env.js";
import { w3oApp } from "../../bot/index.js";
import { acquireLock, readLock, whoami } from "../../src/apply/lock.js";
import { openState, type StateStore } from "../../src/state/db.js";
import { BOT, type Call, commentPayload, fileContent, INSTALLATION, recordGitHub, testProbot } from "../helpers/botHarness.js";
import { useNock } from "../helpers/nockGitHub.js";

const R = "/repos/acme/infra";
const HEAD = "a".repeat(40);
const W3O_YAML = "version: 1\nenvironments:\n  dev: { networks: [local] }\n  prod: { networks: [mainnet] }\n";
/** With the project the engine's lease key takes its first half from. */
const W3O_YAML_PROJECT = W3O_YAML.replace("version: 1\n", "version: 1\nproject: infra\n");

async function app(extra: Partial<BotOptions> = {}): Promise<Probot> {
  return (await appWithState(extra)).probot;
}

/** The app and the state store it was given, for tests that look into the store. */
async function appWithState(extra: Partial<BotOptions> = {}): Promise<{ probot: Probot; state: StateStore }> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-chatops-"));
  const opts: BotOptions = {
    defaults: { path: "." },
    repos: [],
    vars: {},
    secrets: [],
    statePath: path.join(dir, "state.db"),
    workspaceDir: path.join(dir, "workspace"),
    gitUrl: "http://127.0.0.1:1/unused",
    botLogin: BOT,
    ...extra,
  };
  const probot = testProbot();
  const state = openState(opts.statePath);
  await probot.load(w3oApp(opts, state));
  return { probot, state: await state };
}

let delivery = 0;
const receive = (probot: Probot, action: "created" | "edited", body: string, opts: Parameters<typeof commentPayload>[2] = {}) =>
  probot.receive({ id: `c-${++delivery}`, name: "issue_comment", payload: commentPayload(action, body, opts) } as never);

const token = (github: nock.Scope) =>
  github
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .optionally()
    .reply(201, { token: "ghs_installationTOKEN000000000000", expires_at: "2999-01-01T00:00:00Z" });

/** The reads every environment-level command makes: settings at the default branch, the PR, w3o.yaml at its head. */
function reads(github: nock.Scope, settings?: string, w3oYaml = W3O_YAML) {
  github
    .get(`${R}/contents/.github%2Fw3o.yml`)
    .query({ ref: "main" })
    .reply(settings ? 200 : 404, settings ? fileContent(settings) : { message: "Not Found" })
    .get(`${R}/pulls/7`)
    .reply(200, {
      number: 7,
      state: "open",
      head: { sha: HEAD, ref: "feat", repo: { full_name: "acme/infra" } },
      base: { sha: "b".repeat(40), ref: "main", repo: { full_name: "acme/infra" } },
    })
    .get(`${R}/contents/w3o.yaml`)
    .query({ ref: HEAD })
    .reply(200, fileContent(w3oYaml));
}

function answer(github: nock.Scope, final: "rocket" | "confused") {
  github
    .post(`${R}/issues/7/comments`)
    .reply(201, { id: 77 })
    .post(`${R}/issues/comments/9001/reactions`, { content: final })
    .reply(201, {});
}

const eyes = (github: nock.Scope) => github.post(`${R}/issues/comments/9001/reactions`, { content: "eyes" }).reply(201, {});

/** A command that changes things, in order: 👀, the reads, the permission, the reply, the last reaction. */
const PERMITTED_ROUTES = [
  `POST ${R}/issues/comments/9001/reactions`,
  `GET ${R}/contents/.github/w3o.yml?ref=main`,
  `GET ${R}/pulls/7`,
  `GET ${R}/contents/w3o.yaml?ref=${HEAD}`,
  `GET ${R}/collaborators/alice/permission`,
  `POST ${R}/issues/7/comments`,
  `POST ${R}/issues/comments/9001/reactions`,
];

/** unlock also reads main's w3o.yaml: the PR lock is keyed by the default branch's project. */
const UNLOCK_ROUTES = [...PERMITTED_ROUTES.slice(0, 5), `GET ${R}/contents/w3o.yaml?ref=main`, ...PERMITTED_ROUTES.slice(5)];

const mainYaml = (github: nock.Scope, text = W3O_YAML_PROJECT) =>
  github.get(`${R}/contents/w3o.yaml`).query({ ref: "main" }).reply(200, fileContent(text));

const routes = (calls: Call[]) => calls.filter((c) => !c.path.includes("access_tokens")).map((c) => `${c.method} ${c.path}`);
const replyOf = (calls: Call[]) =>
  String((calls.find((c) => c.path === `${R}/issues/7/comments`)?.body as { body?: string } | undefined)?.body);

describe("chat-ops in the app", () => {
  useNock();

  it("/w3o help: 👀, one reply with every command, 🚀 — nothing else is read", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    answer(github, "rocket");
    await receive(probot, "created", "/w3o help");
    expect(routes(calls)).toEqual([
      `POST ${R}/issues/comments/9001/reactions`,
      `POST ${R}/issues/7/comments`,
      `POST ${R}/issues/comments/9001/reactions`,
    ]);
    expect(calls.map((c) => (c.body as { content?: string })?.content).filter(Boolean)).toEqual(["eyes", "rocket"]);
    const reply = replyOf(calls);
    expect(reply.startsWith("> /w3o help\n\n@alice ")).toBe(true);
    for (const c of ["plan [ENV]", "apply [ENV]", "audit", "recommend", "drift [ENV]", "unlock [ENV]", "help"])
      expect(reply).toContain(`/w3o ${c}`);
  });

  it("a typo gets 'did you mean' and the help text, and 😕", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    answer(github, "confused");
    await receive(probot, "created", "/w3o aply prod");
    expect(replyOf(calls)).toContain("`aply` is not a w3o command. Did you mean `/w3o apply`?");
    expect(replyOf(calls)).toContain("| `/w3o plan [ENV]` |");
  });

  it("/w3o apply from a read-only user: refused politely, saying the permission needed; no other call", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    reads(github);
    github.get(`${R}/collaborators/alice/permission`).reply(200, { permission: "read", role_name: "read", user: { login: "alice" } });
    answer(github, "confused");
    await receive(probot, "created", "Ship it\n/w3o apply prod");
    expect(routes(calls)).toEqual(PERMITTED_ROUTES);
    expect(replyOf(calls)).toBe(
      "> /w3o apply prod\n\n@alice sorry, I can't do that. `apply prod` needs write, maintain or admin permission on acme/infra; @alice has read. A maintainer can run it, or grant the permission.",
    );
  });

  it("the allow-list comes from the default branch: the PR branch's .github/w3o.yml adding alice is never read", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    reads(github, "environments:\n  prod:\n    allow: { users: [carol], teams: [ops] }\n");
    // What the PR branch says: were it read (at the head), alice would be allowed.
    github
      .get(`${R}/contents/.github%2Fw3o.yml`)
      .query({ ref: HEAD })
      .optionally()
      .reply(200, fileContent("environments:\n  prod:\n    allow: { users: [alice] }\n"));
    github
      .get(`${R}/collaborators/alice/permission`)
      .reply(200, { permission: "write", role_name: "maintain" })
      .get("/orgs/acme/teams/ops/memberships/alice")
      .reply(404, { message: "Not Found" });
    answer(github, "confused");
    await receive(probot, "created", "/w3o apply prod");
    const settingsReads = calls.filter((c) => c.path.startsWith(`${R}/contents/.github/w3o.yml`)).map((c) => c.path);
    expect(settingsReads).toEqual([`${R}/contents/.github/w3o.yml?ref=main`]);
    expect(routes(calls)).toContain("GET /orgs/acme/teams/ops/memberships/alice");
    expect(replyOf(calls)).toContain(
      "`apply prod` is limited to prod's allow-list in `.github/w3o.yml` on main: @carol, team ops. @alice is not on it.",
    );
  });

  it("an allowed apply meets the requirements of main's w3o.yaml: the PR branch's `requires: []` is ignored", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    // The PR's head lifts prod's requirement; main's w3o.yaml is the one that counts.
    reads(
      github,
      "environments:\n  prod:\n    allow: { teams: [ops] }\n",
      W3O_YAML_PROJECT.replace("[mainnet] }", "[mainnet], requires: [] }"),
    );
    github
      .get(`${R}/collaborators/alice/permission`)
      .reply(200, { permission: "admin", role_name: "admin" })
      .get("/orgs/acme/teams/ops/memberships/alice")
      .reply(200, { state: "active", role: "member" })
      .get(`${R}/contents/w3o.yaml`)
      .query({ ref: "main" })
      .reply(200, fileContent(W3O_YAML_PROJECT.replace("[mainnet] }", "[mainnet], requires: [approved] }")))
      .get(`${R}/pulls/7/reviews`)
      .query({ per_page: 100 })
      .reply(200, []);
    answer(github, "confused");
    await receive(probot, "created", "/w3o apply prod");
    expect(routes(calls).slice(-5)).toEqual([
      "GET /orgs/acme/teams/ops/memberships/alice",
      `GET ${R}/contents/w3o.yaml?ref=main`,
      `GET ${R}/pulls/7/reviews?per_page=100`,
      `POST ${R}/issues/7/comments`,
      `POST ${R}/issues/comments/9001/reactions`,
    ]);
    expect(replyOf(calls)).toBe(
      "> /w3o apply prod\n\n@alice `prod` requires `approved` (`w3o.yaml` on main), and this PR does not meet one:\n- **approved**: no one but its author has approved it: it needs an approving review\n\nNothing was applied.",
    );
  });

  it("/w3o unlock prod from a write user releases the lease another run holds, names its holder, 🚀", async () => {
    const { probot, state } = await appWithState();
    // The key the engine's apply takes: w3o.yaml's project and the environment.
    const key = { project: "infra", environment: "prod" };
    const other = await acquireLock(state.db, key, "w3o apply --env prod", { runId: "run-other", leaseMs: 3_600_000 });
    const devLock = await acquireLock(state.db, { ...key, environment: "dev" }, "w3o apply --env dev", { leaseMs: 3_600_000 });
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    reads(github, undefined, W3O_YAML_PROJECT);
    github.get(`${R}/collaborators/alice/permission`).reply(200, { permission: "write", role_name: "write" });
    mainYaml(github);
    answer(github, "rocket");
    await receive(probot, "created", "/w3o unlock prod");

    expect(routes(calls)).toEqual(UNLOCK_ROUTES);
    expect(await readLock(state.db, key)).toBeUndefined();
    // Only that environment's lease: dev's stays with its holder.
    expect((await readLock(state.db, { ...key, environment: "dev" }))?.runId).toBe(devLock.info.runId);
    const { since } = other.info;
    expect(replyOf(calls)).toBe(
      `> /w3o unlock prod\n\n@alice released the apply lease of \`prod\` of infra, held by ${whoami()} (pid ${process.pid}) since ${since}, run run-other, for \`w3o apply --env prod\`. If that apply is still running, it stops sending at its next lease renewal.`,
    );
    await Promise.all([other.release(), devLock.release()]);
  });

  it("/w3o unlock prod with no lock held says so, 🚀", async () => {
    const { probot, state } = await appWithState();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    reads(github, undefined, W3O_YAML_PROJECT);
    github.get(`${R}/collaborators/alice/permission`).reply(200, { permission: "maintain", role_name: "maintain" });
    mainYaml(github);
    answer(github, "rocket");
    await receive(probot, "created", "/w3o unlock prod");
    expect(replyOf(calls)).toBe("> /w3o unlock prod\n\n@alice `prod` of infra was not locked: there was nothing to release.");
    expect(await readLock(state.db, { project: "infra", environment: "prod" })).toBeUndefined();
  });

  it("an unknown environment gets the list", async () => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    token(github);
    eyes(github);
    reads(github);
    answer(github, "confused");
    await receive(probot, "created", "/w3o unlock prd");
    expect(replyOf(calls)).toContain("There is no environment `prd` in w3o.yaml. Did you mean `prod`? Environments: `dev`, `prod`.");
  });

  it.each([
    ["a command in a code block", "created", "Try:\n```\n/w3o apply prod\n```", {}],
    ["a command in inline code", "created", "`/w3o apply prod` when ready", {}],
    ["a quoted command", "created", "> /w3o apply prod\nno thanks", {}],
    ["an edited comment", "edited", "/w3o apply prod", {}],
    ["a comment by a bot (the app itself)", "created", "/w3o help", { login: BOT, type: "Bot" }],
    ["a comment on an issue, not a PR", "created", "/w3o help", { onIssue: true }],
  ] as const)("%s: no call at all (and the next real command is answered)", async (_what, action, body, opts) => {
    const probot = await app();
    const { calls, github } = recordGitHub();
    github.post(/.*/).optionally().reply(500).get(/.*/).optionally().reply(500);
    await receive(probot, action, body, opts);
    expect(calls).toEqual([]);
    nock.cleanAll();
    // The same app does answer a plain command: the silence above is the filter, not a dead handler.
    const next = recordGitHub();
    token(next.github);
    eyes(next.github);
    answer(next.github, "rocket");
    await receive(probot, "created", "/w3o help");
    expect(routes(next.calls)).toHaveLength(3);
  });
});
