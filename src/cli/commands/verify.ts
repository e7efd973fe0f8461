import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Interrupted } from "../../state/interrupted.js";
import type { Check } from "../../verify/types.js";
import { EXIT } from "../exitCodes.js";
import { out, printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("verify")
    .description("Post-deployment checks: nodes answer, right chain, synced, peers, fresh head; contracts match their records.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <env>", "environment to verify")
    .option("--json", "print the report as JSON")
    .option("--metrics-file <file>", "also write the results as Prometheus metrics (textfile collector format)")
    .option("--state <file>", "state database, read to find an interrupted apply; default <repo>/.w3o/state.db")
    .action(async (dir: string, opts: { env: string; json?: boolean; metricsFile?: string; state?: string }) => {
      const [{ loadModel }, { verify }, { reportMetrics }, { interruptedApply }, { interruptedLines }] = await Promise.all([
        import("../../config/load.js"),
        import("../../verify/index.js"),
        import("../../verify/metrics.js"),
        import("../interruptedApply.js"),
        import("../../state/interrupted.js"),
      ]);
      const model = await loadModel(dir);
      const interrupted = model.environments[opts.env] ? await interruptedApply(model, opts.env, { dir, state: opts.state }) : undefined;
      const report = await verify(model, opts.env, { env: process.env, interrupted });
      if (opts.metricsFile) await writeFile(opts.metricsFile, await reportMetrics(report));
      if (opts.json) printJson(report);
      else {
        for (const n of report.networks) {
          process.stdout.write(`${out.bold(n.network)} (${n.chain}${n.rpc ? `, ${n.rpc}` : ""})\n`);
          for (const c of n.checks) process.stdout.write(`  ${line(c)}\n`);
          for (const k of n.contracts) {
            process.stdout.write(`  ${k.name} ${out.dim(k.address)}\n`);
            for (const c of k.checks) process.stdout.write(`    ${line(c)}\n`);
          }
        }
        // The unrecorded transactions are listed under their network's checks already.
        if (report.interrupted)
          for (const l of interruptedLines(report.interrupted, allOps(report.interrupted))) process.stdout.write(`${out.yellow(l)}\n`);
        process.stdout.write(report.ok ? `${out.green("✔")} ${opts.env} verified\n` : `${out.red("✖")} ${opts.env} failed verification\n`);
      }
      process.exitCode = report.ok ? EXIT.ok : EXIT.failed;
    });
}

const allOps = (i: Interrupted) => new Set(i.networks.flatMap((n) => n.ops.map((o) => o.op)));

function line(c: Check): string {
  const mark = c.status === "ok" ? out.green("✔") : c.status === "warn" ? out.yellow("!") : out.red("✖");
  return `${mark} ${c.check}: ${c.message}`;
}
