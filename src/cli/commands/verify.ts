import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { EXIT } from "../exitCodes.js";
import { out, printJson } from "../output.js";
import { STATE_OPTION_HELP } from "../stateOption.js";

export function register(program: Command): void {
  program
    .command("verify")
    .description("Post-deployment checks: nodes answer, right chain, synced, peers, fresh head; contracts match their records.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <env>", "environment to verify")
    .option("--json", "print the report as JSON")
    .option("--metrics-file <file>", "also write the results as Prometheus metrics (textfile collector format)")
    .option("--state <file|url>", `${STATE_OPTION_HELP}; read to find an interrupted apply`)
    .action(async (dir: string, opts: { env: string; json?: boolean; metricsFile?: string; state?: string }) => {
      const [{ loadModel }, { verify }, { reportMetrics }, { interruptedApply }, { verifyText }] = await Promise.all([
        import("../../config/load.js"),
        import("../../verify/index.js"),
        import("../../verify/metrics.js"),
        import("../interruptedApply.js"),
        import("../../report/verify.js"),
      ]);
      const model = await loadModel(dir);
      const interrupted = model.environments[opts.env] ? await interruptedApply(model, opts.env, { dir, state: opts.state }) : undefined;
      const report = await verify(model, opts.env, { env: process.env, interrupted });
      if (opts.metricsFile) await writeFile(opts.metricsFile, await reportMetrics(report));
      if (opts.json) printJson(report);
      else process.stdout.write(verifyText(report, out));
      process.exitCode = report.ok ? EXIT.ok : EXIT.failed;
    });
}
