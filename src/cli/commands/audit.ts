import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { severities } from "../../config/schema/policyNames.js";
import { type FormatName, formatNames } from "../../policy/formats/names.js";
import type { Severity } from "../../policy/schema.js";
import { EXIT } from "../exitCodes.js";
import { out } from "../output.js";

export function register(program: Command): void {
  program
    .command("audit")
    .description("Check the repo (and, with --base, the PR diff) against the security, ISO 27001, GDPR, NIST CSF and governance packs.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .option("--base <ref>", "also scan the diff from this git ref to the working tree")
    .addOption(new Option("--format <format>", "output format").choices(formatNames).default("text"))
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding at or above this severity remains (default: policies.failOn)").choices(
        severities,
      ),
    )
    .option("--out <file>", "write the report to a file instead of stdout")
    .action(async (dir: string, opts: { base?: string; format: FormatName; failOn?: Severity; out?: string }) => {
      const [{ runAudit }, { buildReport }, { formats }, { formatText }, sarif, { sarifRoot }, { ConfigError }] = await Promise.all([
        import("../../policy/audit.js"),
        import("../../policy/report.js"),
        import("../../policy/formats/index.js"),
        import("../../policy/formats/text.js"),
        import("../../policy/formats/sarif.js"),
        import("../../policy/inputs.js"),
        import("../../config/diagnostics.js"),
      ]);
      const root = opts.format === "sarif" ? await sarifRoot(dir) : undefined;
      const loaded = await runAudit(dir, { base: opts.base }).catch(async (e: unknown) => {
        // CI uploads the SARIF whatever happens: a repo that does not load reports its config errors there.
        if (!(e instanceof ConfigError) || opts.format !== "sarif") throw e;
        const log = sarif.formatConfigErrorsSarif(e.diagnostics, root);
        if (opts.out) await writeFile(opts.out, log);
        else process.stdout.write(log);
        throw e;
      });
      const { input, evaluation } = loaded;
      const report = buildReport(evaluation, { failOn: opts.failOn ?? input.model.policies?.failOn ?? "high", base: opts.base });
      const text =
        opts.format === "text" && !opts.out
          ? formatText(report, out)
          : opts.format === "sarif"
            ? sarif.formatSarif(report, root)
            : formats[opts.format](report);
      if (opts.out) {
        await writeFile(opts.out, text);
        process.stdout.write(
          `${report.evaluation.findings.length} finding(s), ${report.counts.suppressed} suppressed: wrote ${opts.out}\n`,
        );
      } else process.stdout.write(text);
      process.exitCode = report.blocking.length ? EXIT.failed : EXIT.ok;
    });
}
