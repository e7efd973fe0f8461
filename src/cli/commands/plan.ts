import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { EXIT, UsageError } from "../exitCodes.js";
import { out, printJson } from "../output.js";
import { STATE_OPTION_HELP } from "../stateOption.js";

export function register(program: Command): void {
  program
    .command("plan")
    .description("Compare the contracts the repo declares with the deployment record and the chain; say what apply would do.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <environment>", "environment to plan (from w3o.yaml environments)")
    .option("--json", "print the plan as JSON")
    .option("--out <file>", "also write the plan as JSON to this file (for w3o apply --plan)")
    .option("--state <file|url>", `${STATE_OPTION_HELP}; read to find an interrupted apply`)
    .action(async (dir: string, opts: { env: string; json?: boolean; out?: string; state?: string }) => {
      const [{ loadModel }, { planEnvironment }, { renderPlan }, { markInterrupted }, { interruptedApply }] = await Promise.all([
        import("../../config/load.js"),
        import("../../plan/run.js"),
        import("../../report/plan.js"),
        import("../../plan/interrupted.js"),
        import("../interruptedApply.js"),
      ]);
      const model = await loadModel(dir);
      if (!model.environments[opts.env]) {
        throw new UsageError(`no environment "${opts.env}" in ${path.join(dir, "w3o.yaml")}`, {
          hint: `Use one of: ${Object.keys(model.environments).join(", ")}.`,
        });
      }
      const run = await planEnvironment(model, opts.env, { vars: process.env });
      // Read-only, without the lock: what an apply that did not finish sent is not a fresh create.
      const plan = markInterrupted(run.plan, await interruptedApply(model, opts.env, { dir, state: opts.state }));
      if (opts.out) await writeFile(opts.out, `${JSON.stringify(plan, null, 2)}\n`);
      if (opts.json) printJson(plan);
      else process.stdout.write(renderPlan(plan, out));
      // Drift needs a person (apply leaves drifted contracts alone), apply refuses a blocked plan, an interrupted
      // apply must be finished before the plan says what the repo changes, and a record from another chain is
      // redeployed only when asked, and apply refuses a change only an owner it cannot sign for may make: none of them is clean.
      const foreign = plan.networks.some((n) => n.foreignRecord);
      const s = plan.summary;
      process.exitCode = s.drift || s.blocked || s.needsOwner || plan.interrupted || foreign ? EXIT.failed : EXIT.ok;
    });
}
