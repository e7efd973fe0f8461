import { mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { FakeGitHub } from "../../helpers/fakeGitHub.js";
import { commentPayload } from "../../helpers/webhookPayloads.js";
import { actionAndDevnet, addContract, installedAction, type PrRepo, prRepo, runAction, TOKEN } from "./actionRun.js";

const setup = actionAndDevnet();

const routes = (g: FakeGitHub) => g.calls.map((c) => `${c.method} ${c.path}`);

async function writeEvent(payload: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "w3o-event-")), "event.json");
  await writeFile(file, JSON.stringify(payload));
  return file;
}

/** GitHub's example of a merge_group event, moved to acme/infra with the queue's merge commit at `head`. */
function mergeGroupPayload(head: string, base: string): unknown {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const p = structuredClone(examples.find((e) => e.name === "merge_group")?.examples[0]) as Record<string, unknown> & {
    merge_group: Record<string, unknown>;
    repository: Record<string, unknown>;
  };
  p.merge_group = { ...p.merge_group, head_sha: head, base_sha: base, head_ref: "refs/heads/gh-readonly-queue/main/pr-7-x" };
  p.repository = { ...p.repository, name: "infra", full_name: "acme/infra", owner: { login: "acme" }, default_branch: "main" };
  return p;
}

function runOn(workspace: string, github: FakeGitHub, event: string, eventPath: string) {
  return runAction(setup.entry(), {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_API_URL: github.url,
    "INPUT_GITHUB-TOKEN": TOKEN,
    INPUT_PATH: ".",
    INPUT_COMMENT: "true",
    "INPUT_COMMAND-PREFIX": "/w3o",
    LOCAL_RPC_URL: setup.devnet().url,
  });
}

const fake = (pr: PrRepo, opts: { headRepo?: string; permissions?: Record<string, string> } = {}) =>
  new FakeGitHub(
    {
      number: 7,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      headRepo: opts.headRepo ?? "acme/infra",
      baseRepo: "acme/infra",
      files: ["contracts/extra.yaml"],
    },
    "github-actions[bot]",
    { dir: pr.origin, ...(opts.permissions ? { permissions: opts.permissions } : {}) },
  ).start();

/** What actions/checkout leaves for an issue_comment run: the default branch, one commit deep. */
async function defaultBranchCheckout(pr: PrRepo): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-workspace-"));
  await simpleGit().clone(`file://${pr.origin}`, dir, ["--depth=1", "--branch", "main"]);
  return dir;
}

/** An issue_comment run on the PR: the default branch checked out, the fake API up for the test's duration. */
async function onComment(
  opts: { headRepo?: string; permissions?: Record<string, string> },
  test: (t: {
    pr: PrRepo;
    github: FakeGitHub;
    workspace: string;
    comment: (payload: unknown) => ReturnType<typeof runOn>;
  }) => Promise<void>,
): Promise<void> {
  const pr = await prRepo(addContract);
  const github = await fake(pr, opts);
  try {
    const workspace = await defaultBranchCheckout(pr);
    await test({ pr, github, workspace, comment: async (payload) => runOn(workspace, github, "issue_comment", await writeEvent(payload)) });
  } finally {
    await github.stop();
  }
}

describe("the Action under merge_group", () => {
  it("reviews the queued merge commit: one check run named w3o on it, no comment, the job summary", async () => {
    const pr = await prRepo(addContract);
    const github = await fake(pr);
    try {
      // actions/checkout checks out the group's merge commit: here the PR's head stands in for it.
      const run = await runOn(pr.workspace, github, "merge_group", await writeEvent(mergeGroupPayload(pr.headSha, pr.baseSha)));
      expect(run.code, run.stdout.slice(-3000)).toBe(0);
      expect(routes(github)).toEqual([
        "POST /repos/acme/infra/check-runs",
        `GET /repos/acme/infra/compare/${pr.baseSha}...${pr.headSha}`,
        "PATCH /repos/acme/infra/check-runs/100",
      ]);
      const [create, , complete] = github.calls.map((c) => c.body);
      expect(create).toMatchObject({ name: "w3o", head_sha: pr.headSha, status: "in_progress", external_id: "merge-group-main" });
      expect(complete).toMatchObject({ status: "completed", conclusion: "success" });
      expect(String((complete?.output as { text?: string } | undefined)?.text)).toMatch(/\+ create\s+ExtraCollection/);
      expect(run.summary).toMatch(/\+ create\s+ExtraCollection/);
      expect(JSON.stringify(github.calls)).not.toContain(TOKEN);
    } finally {
      await github.stop();
    }
  }, 180_000);
});

describe("the Action under issue_comment", () => {
  it("`/w3o plan dev` on a PR: 👀, the PR's head planned in a worktree, sticky comment and check run, one reply, 🚀", async () => {
    await onComment({}, async ({ pr, github, workspace, comment }) => {
      const run = await comment(commentPayload("created", "/w3o plan dev", { login: "alice" }));
      expect(run.code, run.stdout.slice(-3000)).toBe(0);
      expect(routes(github)).toEqual([
        "POST /repos/acme/infra/issues/comments/9001/reactions",
        "GET /repos/acme/infra/contents/.github/w3o.yml",
        "GET /repos/acme/infra/pulls/7",
        "GET /repos/acme/infra/contents/w3o.yaml",
        "GET /repos/acme/infra/pulls/7/files",
        "POST /repos/acme/infra/check-runs",
        "GET /repos/acme/infra/pulls/7",
        "GET /repos/acme/infra/issues/7/comments",
        "POST /repos/acme/infra/issues/7/comments",
        // A new sticky comment looks once more, in case a racing run created one too.
        "GET /repos/acme/infra/issues/7/comments",
        "PATCH /repos/acme/infra/check-runs/101",
        "POST /repos/acme/infra/issues/7/comments",
        "POST /repos/acme/infra/issues/comments/9001/reactions",
      ]);
      // Settings at the default branch, w3o.yaml at the PR's head.
      expect(github.calls[1]?.query).toBe("?ref=main");
      expect(github.calls[3]?.query).toBe(`?ref=${pr.headSha}`);
      expect(github.calls[5]?.body).toMatchObject({ name: "w3o", head_sha: pr.headSha });
      const [sticky, reply] = github.comments;
      expect(sticky?.body).toMatch(/^<!-- w3o:sticky:report -->\n/);
      expect(sticky?.body).toMatch(/\+ create\s+ExtraCollection/);
      expect(reply?.body).toMatch(/^> \/w3o plan dev\n\n@alice /);
      expect(reply?.body).toContain("The report comment and the **w3o** check run are updated.");
      expect(github.calls.map((c) => c.body?.content).filter(Boolean)).toEqual(["eyes", "rocket"]);
      // The workspace stays on the default branch: the head was only read, in a worktree removed afterwards.
      expect((await simpleGit(workspace).revparse(["HEAD"])).trim()).not.toBe(pr.headSha);
      expect((await simpleGit(workspace).raw(["worktree", "list"])).trim().split("\n")).toHaveLength(1);
    });
  }, 180_000);

  it("`/w3o apply dev` from a read-only user: a polite refusal naming the permission, 😕, nothing planned", async () => {
    await onComment({ permissions: { bob: "read" } }, async ({ github, comment }) => {
      const run = await comment(commentPayload("created", "/w3o apply dev", { login: "bob" }));
      expect(run.code, run.stdout.slice(-3000)).toBe(0);
      expect(routes(github)).not.toContain("POST /repos/acme/infra/check-runs");
      expect(routes(github)).toContain("GET /repos/acme/infra/collaborators/bob/permission");
      const reply = github.comments.at(-1)?.body ?? "";
      expect(reply).toMatch(/^> \/w3o apply dev\n\n@bob sorry, I can't do that\./);
      expect(reply).toMatch(/write/);
      expect(github.calls.map((c) => c.body?.content).filter(Boolean)).toEqual(["eyes", "confused"]);
    });
  }, 120_000);

  it("a fork's PR: `/w3o plan` plans without the workflow's secrets and says so", async () => {
    await onComment({ headRepo: "mallory/infra" }, async ({ github, comment }) => {
      const run = await comment(commentPayload("created", "/w3o plan", { login: "alice" }));
      expect(run.code, run.stdout.slice(-3000)).toBe(0);
      const [sticky, reply] = github.comments;
      expect(sticky?.body).toContain("a pull request from a fork gets no secrets");
      expect(reply?.body).toContain("This pull request is from a fork");
      // The devnet's URL is the workflow's secret (LOCAL_RPC_URL): never read for a fork, never sent.
      expect(JSON.stringify(github.calls)).not.toContain(setup.devnet().url);
    });
  }, 180_000);

  it("a comment that is not a command, or an edited one: no call at all", async () => {
    await onComment({}, async ({ github, comment }) => {
      for (const payload of [commentPayload("created", "looks good to me"), commentPayload("edited", "/w3o plan dev")]) {
        const run = await comment(payload);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain("This comment is not a w3o command: nothing to do.");
      }
      expect(github.calls).toEqual([]);
    });
  }, 60_000);
});
