import type { Command } from "commander";
import { type Diagnostic, formatDiagnostic } from "../../config/diagnostics.js";
import { EXIT } from "../exitCodes.js";
import { out, printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("Check an infra repo: YAML, schema, references, inline secrets. Reports every problem at once.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .option("--json", "print the findings as JSON")
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { loadRepo } = await import("../../config/load.js");
      const { model, diagnostics } = await loadRepo(dir);
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      if (opts.json) {
        printJson({ valid: Boolean(model), errors, warnings: diagnostics.length - errors, diagnostics });
      } else {
        for (const d of diagnostics) process.stdout.write(`${colour(d)}\n`);
        if (model) {
          const count = (o: object) => Object.keys(o).length;
          process.stdout.write(
            `${out.green("✔")} ${dir}: valid — ${count(model.environments)} environments, ${count(model.networks)} networks, ${count(model.nodes)} nodes, ${count(model.contracts)} contracts, ${count(model.workflows)} workflows, ${count(model.monitors)} monitors\n`,
          );
        } else {
          process.stdout.write(`${out.red("✖")} ${errors} error${errors === 1 ? "" : "s"} in ${dir}\n`);
        }
      }
      process.exitCode = model ? EXIT.ok : EXIT.failed;
    });
}

function colour(d: Diagnostic): string {
  const text = formatDiagnostic(d);
  const [head, ...rest] = text.split("\n");
  const label = d.severity === "error" ? out.red : out.yellow;
  return [label(head ?? ""), ...rest.map((l) => out.dim(l))].join("\n");
}
