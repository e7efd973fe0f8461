import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeGitHub } from "../../helpers/fakeGitHub.js";
import { actionAndDevnet, addContract, eventFile, installedAction, type PrRepo, prRepo, runAction, TOKEN } from "./actionRun.js";

const setup = actionAndDevnet();

function fakeFor(pr: PrRepo, opts: { headRepo?: string; files: string[] }): Promise<FakeGitHub> {
  return new FakeGitHub({
    number: 7,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    headRepo: opts.headRepo ?? "acme/infra",
    baseRepo: "acme/infra",
    files: opts.files,
  }).start();
}

async function review(
  pr: PrRepo,
  opts: { headRepo?: string; files: string[]; env?: Record<string, string>; github?: FakeGitHub; action?: string },
) {
  const github = opts.github ?? (await fakeFor(pr, opts));
  try {
    const run = await runAction(setup.entry(), {
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: await eventFile(pr, { number: 7, ...(opts.headRepo ? { headRepo: opts.headRepo } : {}) }),
      GITHUB_WORKSPACE: pr.workspace,
      GITHUB_API_URL: github.url,
      "INPUT_GITHUB-TOKEN": TOKEN,
      INPUT_PATH: ".",
      INPUT_COMMENT: "true",
      LOCAL_RPC_URL: setup.devnet().url,
      ...opts.env,
    });
    return { run, github };
  } finally {
    if (!opts.github) await github.stop();
  }
}

const routes = (g: FakeGitHub) => g.calls.map((c) => `${c.method} ${c.path}`);

describe("the Action's bundle, run as the runner runs it", () => {
  it("a PR adding a contract: check run in progress then completed, one comment with + create, outputs, summary, SARIF, report", async () => {
    const pr = await prRepo(addContract);
    const { run, github } = await review(pr, { files: ["contracts/extra.yaml"] });
    expect(run.stderr.slice(-3000)).toBe("");
    expect(run.code, run.stdout.slice(-3000)).toBe(0);

    expect(routes(github)).toEqual([
      "POST /repos/acme/infra/check-runs",
      "GET /repos/acme/infra/pulls/7/files",
      "GET /repos/acme/infra/pulls/7",
      "GET /repos/acme/infra/issues/7/comments",
      "POST /repos/acme/infra/issues/7/comments",
      "GET /repos/acme/infra/issues/7/comments",
      "PATCH /repos/acme/infra/check-runs/100",
    ]);
    const [create, , , , comment, , complete] = github.calls.map((c) => c.body);
    expect(create).toMatchObject({ name: "w3o", head_sha: pr.headSha, status: "in_progress", external_id: "pr-7" });
    expect(String(comment?.body)).toMatch(/^<!-- w3o:sticky:report -->\n/);
    expect(String(comment?.body)).toMatch(/\+ create\s+ExtraCollection/);
    expect(complete).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Ready to merge" } });
    expect(github.comments).toHaveLength(1);
    // The token never travels in a body, and neither does the devnet's URL (an RPC_URL is a secret by name).
    expect(JSON.stringify(github.calls)).not.toContain(TOKEN);

    // Only contracts/ changed: every environment is touched; dev is planned live, the others say why not.
    expect(run.outputs["has-changes"]).toBe("true");
    const json = JSON.parse(await readFile(run.outputs["report-file"] ?? "", "utf8"));
    const dev = json.report.environments.find((e: { name: string }) => e.name === "dev");
    expect(run.outputs["plan-summary"]).toBe(
      `dev: Plan: ${dev.plan.summary.create} to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted\n` +
        "staging: not planned (no live state)\nprod: not planned (no live state)",
    );
    const sarif = JSON.parse(await readFile(run.outputs["sarif-file"] ?? "", "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].automationDetails.id).toBe("w3o/audit/diff/");
    expect(json.report.baseSha).toBe(pr.baseSha);
    expect(json.report.links.report).toBe("https://github.com/acme/infra/actions/runs/4242");
    expect(run.outputs["report-file"]?.startsWith(run.runnerTemp)).toBe(true);
    expect(run.summary).toMatch(/\+ create\s+ExtraCollection/);
    expect(run.stdout).toContain("w3o made 7 GitHub API calls");
  }, 180_000);

  it("a second push edits the same comment: six calls, one comment", async () => {
    const pr = await prRepo(addContract);
    const github = await fakeFor(pr, { files: ["contracts/extra.yaml"] });
    try {
      await review(pr, { files: [], github });
      const first = github.calls.length;
      const { run } = await review(pr, { files: [], github });
      expect(run.code, run.stdout.slice(-3000)).toBe(0);
      expect(routes(github).slice(first)).toEqual([
        "POST /repos/acme/infra/check-runs",
        "GET /repos/acme/infra/pulls/7/files",
        "GET /repos/acme/infra/pulls/7",
        "GET /repos/acme/infra/issues/7/comments",
        `PATCH /repos/acme/infra/issues/comments/${github.comments[0]?.id}`,
        "PATCH /repos/acme/infra/check-runs/102",
      ]);
      expect(github.comments).toHaveLength(1);
      expect(github.comments[0]?.body).toMatch(/\+ create\s+ExtraCollection/);
    } finally {
      await github.stop();
    }
  }, 180_000);

  it("config errors: annotations at the file and line, conclusion failure, the step fails, SARIF of the errors", async () => {
    const pr = await prRepo(async (dir) => {
      const file = path.join(dir, "w3o.yaml");
      await writeFile(file, (await readFile(file, "utf8")).replace("autoApply: true", "autoAplly: true"));
    });
    const { run, github } = await review(pr, { files: ["w3o.yaml"] });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::w3o: 1 config error");
    const complete = github.calls.at(-1);
    expect(complete?.method).toBe("PATCH");
    expect(complete?.body).toMatchObject({ status: "completed", conclusion: "failure" });
    const annotations = (complete?.body?.output as { annotations?: Record<string, unknown>[] } | undefined)?.annotations;
    expect(annotations).toContainEqual(
      expect.objectContaining({
        path: "w3o.yaml",
        start_line: 28,
        annotation_level: "failure",
        message: expect.stringContaining("autoAplly"),
      }),
    );
    expect(run.outputs["plan-summary"]).toBe("not planned: configuration errors");
    const sarif = JSON.parse(await readFile(run.outputs["sarif-file"] ?? "", "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: "w3o.yaml" },
      region: { startLine: 28 },
    });
  }, 180_000);

  it("a fork's PR: the report appears and says live state was not read; no secret is used", async () => {
    const pr = await prRepo(addContract);
    const { run, github } = await review(pr, { headRepo: "mallory/infra", files: ["contracts/extra.yaml"] });
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    const comment = String(github.calls.find((c) => c.method === "POST" && c.path.endsWith("/comments"))?.body?.body);
    expect(comment).toContain("Live state not read for:");
    expect(comment).toContain("a pull request from a fork gets no secrets");
    expect(comment).toContain("`dev`: not planned (1 network without live state)");
    expect(run.outputs["has-changes"]).toBe("false");
    expect(github.calls.at(-1)?.body).toMatchObject({ status: "completed", conclusion: "success" });
  }, 180_000);

  it("an event it does not handle: says which it handles, calls nothing, succeeds", async () => {
    const pr = await prRepo(addContract);
    const { run, github } = await review(pr, { files: [], env: { GITHUB_EVENT_NAME: "release" } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::w3o handles pull_request, .*merge_group.*; this run is a "release" event/);
    expect(github.calls).toEqual([]);
  }, 60_000);

  it("planted secrets (an RPC URL with an API key, a deployer key, a mnemonic) appear in no request body", async () => {
    const planted = {
      SEPOLIA_RPC_URL: "http://127.0.0.1:9/v3/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
      STAGING_DEPLOYER_KEY: `0x${"ab12".repeat(16)}`,
      DEPLOYER_MNEMONIC: "test test test test test test test test test test test junk",
    };
    const pr = await prRepo(async (dir) => {
      await addContract(dir);
      // The PR's own text names them too, as a careless author would paste them.
      await writeFile(path.join(dir, "NOTES.md"), Object.values(planted).join("\n"));
    });
    const { run, github } = await review(pr, { files: ["contracts/extra.yaml", "NOTES.md"], env: planted });
    // The secret scanner finds the pasted values and staging's endpoint refuses: a failing review, fully reported.
    expect(run.stdout).toContain("::error::w3o: staging could not be planned; ");
    expect(github.calls.at(-1)?.body).toMatchObject({ status: "completed", conclusion: "failure" });
    const sent = JSON.stringify(github.calls);
    for (const value of [...Object.values(planted), "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"]) expect(sent).not.toContain(value);
  }, 180_000);
});
