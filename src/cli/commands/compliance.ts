import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { redact } from "../../errors/index.js";
import { EXIT } from "../exitCodes.js";

export function register(program: Command): void {
  const compliance = program.command("compliance").description("Continuous-compliance evidence for ISO 27001, NIST CSF 2.0 and GDPR.");
  compliance
    .command("report")
    .description("Write an audit report (Markdown and JSON): each control in scope, its status, evidence, suppressions, commit and time.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .option("--out <dir>", "folder to write compliance-report.md and compliance-report.json to", "compliance-report")
    .action(async (dir: string, opts: { out: string }) => {
      const [{ simpleGit }, { runAudit }, { buildCompliance, complianceMarkdown }, { complianceText }] = await Promise.all([
        import("simple-git"),
        import("../../policy/audit.js"),
        import("../../policy/compliance.js"),
        import("../../report/compliance.js"),
      ]);
      const { input, evaluation, policies } = await runAudit(dir);
      const commit = await simpleGit(input.model.dir)
        .revparse(["HEAD"])
        .then((s) => s.trim())
        .catch(() => null);
      const report = buildCompliance(evaluation, policies.catalogs, { generatedAt: new Date(), commit, project: input.model.project });
      await mkdir(opts.out, { recursive: true });
      const md = path.join(opts.out, "compliance-report.md");
      const json = path.join(opts.out, "compliance-report.json");
      await writeFile(md, redact(complianceMarkdown(report)));
      await writeFile(json, `${redact(JSON.stringify(report, null, 2))}\n`);
      process.stdout.write(complianceText(report, [md, json]));
      process.exitCode = EXIT.ok;
    });
}
