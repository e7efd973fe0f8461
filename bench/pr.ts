import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { simpleGit } from "simple-git";
import { startDevnet } from "../src/devnet/index.js";
import type { BenchResult, BenchRow } from "./types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const REPEAT = 3;

/**
 * `npm run bench -- pr`: one PR's whole report for examples/infra (validate, plan of every environment,
 * audit with the base diff, compliance, recommend, rendered diff) in one process as the faces run it,
 * against the CLI commands that say the same things, each its own process, one after another.
 */
export async function benchPr(): Promise<BenchResult> {
  const top = await mkdtemp(path.join(tmpdir(), "w3o-bench-pr-"));
  const dir = path.join(top, "infra");
  await cp(path.join(ROOT, "examples/infra"), dir, { recursive: true });
  const git = simpleGit(top);
  await git.init(["-b", "main"]).addConfig("user.email", "b@example.com").addConfig("user.name", "bench");
  await git.add(".").commit("base");
  const base = (await git.revparse(["HEAD"])).trim();
  await writeFile(
    path.join(dir, "contracts/extra.yaml"),
    'contracts:\n  Extra:\n    source: contracts/src/AcmeCollection.sol\n    contract: AcmeCollection\n    networks: [local]\n    args: ["E", "E", "ipfs://e/", "${accounts.deployer}"]\n',
  );
  await git.add(".").commit("head");
  const devnet = await startDevnet({ port: 0 });
  const env = { ...process.env, LOCAL_RPC_URL: devnet.url, NO_COLOR: "1" };
  const out = path.join(top, "out");
  const run = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--import", TSX, ...args], {
      cwd: dir,
      env,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  const cli = (args: string[]) => [path.join(ROOT, "src/cli/main.ts"), ...args];
  const commands: [string, string[]][] = [
    ["validate", cli(["validate", "."])],
    ...["dev", "staging", "prod"].map((e): [string, string[]] => [`plan --env ${e}`, cli(["plan", ".", "--env", e])]),
    ["audit --base", cli(["audit", ".", "--base", base, "--format", "json", "--out", path.join(top, "audit.json")])],
    ["compliance report", cli(["compliance", "report", ".", "--out", out])],
    ["recommend", cli(["recommend", "."])],
    ...["dev", "staging", "prod"].map((e): [string, string[]] => [
      `render --diff --env ${e}`,
      cli(["render", ".", "--env", e, "--diff", "--base", base]),
    ]),
  ];
  const whole = [path.join(ROOT, "bench/prRun.ts"), dir, base];
  try {
    // Warm the compile cache both ways use, so neither pays solc's first compile.
    run(whole);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const wholeMs: number[] = [];
    const each = new Map<string, number[]>(commands.map(([l]) => [l, []]));
    for (let i = 0; i < REPEAT; i++) {
      wholeMs.push(run(whole));
      for (const [label, args] of commands) each.get(label)!.push(run(args));
    }
    const rows: BenchRow[] = [{ label: "one PR report, one process", ms: median(wholeMs) }];
    let sum = 0;
    let slowest = 0;
    for (const [label] of commands) {
      const ms = median(each.get(label)!);
      sum += ms;
      slowest = Math.max(slowest, ms);
      rows.push({ label: `  w3o ${label}`, ms });
    }
    rows.push({ label: "the CLI commands one after another", ms: sum });
    const r = median(wholeMs);
    return {
      name: `PR report: medians of ${REPEAT}`,
      rows,
      summary: `one report takes ${(r / sum).toFixed(2)}× the separate commands together (target < 1) and ${(r / slowest).toFixed(2)}× the slowest one (target < 1.2)`,
    };
  } finally {
    await devnet.stop();
    await rm(top, { recursive: true, force: true });
  }
}
