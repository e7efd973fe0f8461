import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDevnet } from "../src/devnet/index.js";
import type { BenchResult, BenchRow } from "./types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPEAT = 7;

/**
 * A CLI command is a cold process each time (CI runs `w3o plan` on every PR), so its start-up is
 * part of what users wait for. Measured against bare `node` and against the same code bundled into
 * one file, which loads every dependency before parsing the command line (how dist/ shipped before).
 */
export async function benchCli(): Promise<BenchResult> {
  // Under the repo's node_modules, so that the bundles' bare imports resolve as they do from dist/.
  const cache = path.join(ROOT, "node_modules/.cache");
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, "w3o-bench-cli-"));
  const devnet = await startDevnet({ port: 0 });
  try {
    // `npm run build` as shipped, and the same with code splitting off (every import at the top).
    const bundle = (splitting: boolean) => {
      const outdir = path.join(dir, splitting ? "split" : "single");
      execFileSync("npm", ["run", "--silent", "build", "--", `--outdir=${outdir}`, `--splitting=${splitting}`, "--log-level=error"]);
      return path.join(outdir, "w3o.js");
    };
    const lazy = bundle(true);
    const eager = bundle(false);
    const env = { ...process.env, LOCAL_RPC_URL: devnet.url };
    const time = (args: string[]) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
      const ms = performance.now() - t0;
      if (r.status !== 0 && !(args.includes("plan") && r.status === 1)) throw new Error(`${args.join(" ")}: ${r.stderr}`);
      return ms;
    };
    const commands: [string, string[]][] = [
      ["--help", ["--help"]],
      ["validate examples/infra", ["validate", "examples/infra"]],
      ["plan examples/infra --env dev", ["plan", "examples/infra", "--env", "dev"]],
    ];
    const rows: BenchRow[] = [];
    const parts: string[] = [];
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] as number;
    const bare: number[] = [];
    const samples = new Map<string, { lazy: number[]; eager: number[] }>(commands.map(([label]) => [label, { lazy: [], eager: [] }]));
    for (let i = 0; i < REPEAT; i++) {
      bare.push(time(["-e", ""]));
      for (const [label, args] of commands) {
        samples.get(label)!.lazy.push(time([lazy, ...args]));
        samples.get(label)!.eager.push(time([eager, ...args]));
      }
    }
    const nodeMs = median(bare);
    rows.push({ label: `bare node start, median of ${REPEAT}`, ms: nodeMs });
    for (const [label] of commands) {
      const s = samples.get(label)!;
      const [l, e] = [median(s.lazy), median(s.eager)];
      rows.push({ label: `w3o ${label}`, ms: l }, { label: `  one-file bundle: ${label}`, ms: e });
      parts.push(`${label} ${(e / l).toFixed(1)}× faster (${(l / nodeMs).toFixed(1)}× bare node)`);
    }
    return { name: `CLI start-up: cold processes, medians of ${REPEAT}`, rows, summary: `engine loaded per command: ${parts.join("; ")}` };
  } finally {
    await devnet.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
