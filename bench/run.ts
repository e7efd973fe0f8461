import { benchApply } from "./apply.js";
import { benchCli } from "./cli.js";
import { benchDevnet } from "./devnet.js";
import { benchPlan } from "./plan.js";
import { benchPr } from "./pr.js";
import type { BenchResult } from "./types.js";

/**
 * `npm run bench`: every benchmark, each against baselines measured in the same run, so that
 * figures are ratios on this machine rather than absolute numbers from another one.
 * Run some with `npm run bench -- <name> [<name>…]` (e.g. `npm run bench -- plan apply`).
 */
const benches: Record<string, () => Promise<BenchResult>> = {
  devnet: benchDevnet,
  plan: benchPlan,
  apply: benchApply,
  cli: benchCli,
  pr: benchPr,
};

const only = new Set(process.argv.slice(2).filter((a) => !a.startsWith("--")));
const unknown = [...only].filter((name) => !(name in benches));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}\n`);
  process.exit(2);
}
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(benches)) {
  if (only.size > 0 && !only.has(name)) continue;
  const result = await run();
  results.push(result);
  process.stdout.write(`\n${result.name}\n`);
  for (const row of result.rows) {
    const requests = row.requests === undefined ? "" : `  ${String(row.requests).padStart(6)} HTTP requests`;
    const cpu = row.clientCpuMs === undefined ? "" : `  cpu: client ${row.clientCpuMs.toFixed(0)} ms, node ${row.nodeCpuMs?.toFixed(0)} ms`;
    process.stdout.write(`  ${row.label.padEnd(48)} ${row.ms.toFixed(0).padStart(8)} ms${requests}${cpu}\n`);
  }
  process.stdout.write(`  → ${result.summary}\n`);
}
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
