import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDevnet } from "../src/devnet/index.js";
import { eventFile, installedAction, prRepo } from "../test/github/action/actionRun.js";
import { FakeGitHub } from "../test/helpers/fakeGitHub.js";
import type { BenchResult, BenchRow } from "./types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPEAT = 3;

/**
 * `npm run bench -- pr`: one PR's whole report for examples/infra as the Action runs it — the committed
 * bundle, one process, talking to a loopback stand-in for GitHub's API — against the built CLI's commands
 * that say the same things (validate, plan of every environment, audit with the base diff, compliance,
 * recommend, rendered diffs), each its own process, one after another. Same Node for both.
 */
export async function benchPr(): Promise<BenchResult> {
  const scratch = await mkdtemp(path.join(tmpdir(), "w3o-bench-pr-"));
  const pr = await prRepo(async (dir) => {
    await writeFile(
      path.join(dir, "contracts/extra.yaml"),
      'contracts:\n  Extra:\n    source: contracts/src/AcmeCollection.sol\n    contract: AcmeCollection\n    networks: [local]\n    args: ["E", "E", "ipfs://e/", "${accounts.deployer}"]\n',
    );
  });
  // The CLI as npm installs it (dist/w3o.js and its chunks), built from this tree.
  const cliDir = path.join(ROOT, "node_modules/.cache", `w3o-bench-pr-${process.pid}`);
  execFileSync("npm", ["run", "--silent", "build", "--", `--outdir=${cliDir}`, "--log-level=error"], { cwd: ROOT });
  const cli = path.join(cliDir, "w3o.js");
  const action = await installedAction();
  const event = await eventFile(pr, { number: 7 });
  const devnet = await startDevnet({ port: 0 });
  const env = { ...process.env, LOCAL_RPC_URL: devnet.url, NO_COLOR: "1" };
  const time = (args: string[], extra: Record<string, string> = {}, cwd = pr.workspace) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd, env: { ...env, ...extra }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  // Asynchronously: the stand-in for GitHub answers from this process's event loop.
  const timeAsync = async (args: string[], extra: Record<string, string>) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: pr.workspace, env: { ...env, ...extra }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0 && code !== 1) throw new Error(`the Action exited ${code}: ${stderr}`);
    return performance.now() - t0;
  };
  const runAction = async () => {
    const github = await new FakeGitHub({
      number: 7,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      headRepo: "acme/infra",
      baseRepo: "acme/infra",
      files: ["contracts/extra.yaml"],
    }).start();
    const temp = await mkdtemp(path.join(scratch, "runner-"));
    for (const f of ["output", "summary.md"]) await writeFile(path.join(temp, f), "");
    try {
      return await timeAsync([action], {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: event,
        GITHUB_WORKSPACE: pr.workspace,
        GITHUB_REPOSITORY: "acme/infra",
        GITHUB_API_URL: github.url,
        GITHUB_SERVER_URL: "https://github.com",
        RUNNER_TEMP: temp,
        GITHUB_OUTPUT: path.join(temp, "output"),
        GITHUB_STEP_SUMMARY: path.join(temp, "summary.md"),
        "INPUT_GITHUB-TOKEN": "bench-token",
        INPUT_PATH: ".",
        INPUT_COMMENT: "true",
      });
    } finally {
      await github.stop();
    }
  };
  const out = path.join(scratch, "out");
  const commands: [string, string[]][] = [
    ["validate", ["validate", "."]],
    ...["dev", "staging", "prod"].map((e): [string, string[]] => [`plan --env ${e}`, ["plan", ".", "--env", e]]),
    ["audit --base", ["audit", ".", "--base", pr.baseSha, "--format", "sarif", "--out", path.join(scratch, "audit.sarif")]],
    ["compliance report", ["compliance", "report", ".", "--out", out]],
    ["recommend", ["recommend", "."]],
    ...["dev", "staging", "prod"].map((e): [string, string[]] => [
      `render --diff --env ${e}`,
      ["render", ".", "--env", e, "--diff", "--base", pr.baseSha],
    ]),
  ];
  try {
    // The first Action run fetches the base commit into the shallow workspace and warms the compile cache;
    // both contenders then find what a second push finds.
    await runAction();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const whole: number[] = [];
    const each = new Map<string, number[]>(commands.map(([l]) => [l, []]));
    for (let i = 0; i < REPEAT; i++) {
      whole.push(await runAction());
      for (const [label, args] of commands) each.get(label)!.push(time([cli, ...args]));
    }
    const rows: BenchRow[] = [{ label: "the Action: one PR report, one process", ms: median(whole) }];
    let sum = 0;
    let slowest = 0;
    for (const [label] of commands) {
      const ms = median(each.get(label)!);
      sum += ms;
      slowest = Math.max(slowest, ms);
      rows.push({ label: `  w3o ${label}`, ms });
    }
    rows.push({ label: "the CLI commands one after another", ms: sum });
    const r = median(whole);
    return {
      name: `PR report: the Action's bundle vs the built CLI, medians of ${REPEAT}`,
      rows,
      summary: `one report takes ${(r / sum).toFixed(2)}× the separate commands together (target < 1) and ${(r / slowest).toFixed(2)}× the slowest one (target < 1.2)`,
    };
  } finally {
    await devnet.stop();
    await rm(cliDir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}
