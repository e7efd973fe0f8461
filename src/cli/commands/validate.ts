import type { Command } from "commander";
import { EXIT } from "../exitCodes.js";
import { out, printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("Check an infra repo: YAML, schema, references, inline secrets. Reports every problem at once.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .option("--json", "print the findings as JSON")
    .action(async (dir: string, opts: { json?: boolean }) => {
      const [{ loadRepo }, { validateText }] = await Promise.all([import("../../config/load.js"), import("../../report/validate.js")]);
      const { model, diagnostics } = await loadRepo(dir);
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      if (opts.json) printJson({ valid: Boolean(model), errors, warnings: diagnostics.length - errors, diagnostics });
      else process.stdout.write(validateText({ dir, diagnostics, model }, out));
      process.exitCode = model ? EXIT.ok : EXIT.failed;
    });
}
