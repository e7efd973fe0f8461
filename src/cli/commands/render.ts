import path from "node:path";
import type { Command } from "commander";
import { type TargetId, targetIds } from "../../render/targetIds.js";
import { EXIT, UsageError } from "../exitCodes.js";
import { out, printJson } from "../output.js";

type Opts = { env?: string; target: string[]; out?: string; diff?: boolean; base?: string; commit?: boolean; json?: boolean };

export function register(program: Command): void {
  program
    .command("render")
    .description("Render deployment files (Kubernetes, Terraform, Prometheus, Grafana, Argo CD) for an environment. Deterministic.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <env>", "environment to render")
    .option("-t, --target <target...>", `targets to render (${targetIds.join(", ")}); default: all`, [])
    .option("-o, --out <dir>", "output directory (default: gitops.path of w3o.yaml, relative to the repo)")
    .option("--diff", "print a unified diff of the rendered output against --base instead of writing files")
    .option("--base <ref>", "git ref to diff against (with --diff)", "HEAD")
    .option("--commit", "GitOps mode: write the output to gitops.path and commit it (on gitops.branch if set)")
    .option("--gitops", "alias of --commit")
    .option("--json", "print what was rendered (or the diff) as JSON")
    .action(async (dir: string, opts: Opts & { gitops?: boolean }) => {
      const targets = parseTargets(opts.target);
      const [{ loadModel }, { render }, { commitRendered, renderAtRef }, { diffRendered, writeRendered }] = await Promise.all([
        import("../../config/load.js"),
        import("../../render/index.js"),
        import("../../render/git.js"),
        import("../../render/output.js"),
      ]);
      const model = await loadModel(dir);
      const files = render(model, opts.env!, targets);
      if (opts.diff) {
        const base = await renderAtRef(dir, opts.base ?? "HEAD", opts.env!, targets);
        const d = diffRendered(base, files);
        if (opts.json) printJson({ base: opts.base, ...d });
        else if (d.patch === "") process.stdout.write(`${out.green("✔")} rendered output unchanged against ${opts.base}\n`);
        else {
          process.stdout.write(d.patch);
          process.stdout.write(
            `\n${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed against ${opts.base}\n`,
          );
        }
        process.exitCode = EXIT.ok;
        return;
      }
      const outPath = model.gitops?.path ?? "deploy";
      if (opts.commit || opts.gitops) {
        if (opts.out) throw new UsageError("--commit writes to gitops.path; it cannot be combined with --out.");
        const res = await commitRendered({
          repoDir: dir,
          outPath,
          branch: model.gitops?.branch,
          env: opts.env!,
          targets,
          files,
          message: `w3o render: ${opts.env} (${targets.join(", ")})`,
        });
        if (opts.json) printJson(res);
        else if (res.committed)
          process.stdout.write(`${out.green("✔")} committed ${res.files} rendered files to ${res.branch} (${res.commit})\n`);
        else process.stdout.write(`${out.green("✔")} rendered output already up to date on ${res.branch}\n`);
        return;
      }
      const outDir = opts.out ? path.resolve(opts.out) : path.join(model.dir, outPath);
      await writeRendered(outDir, opts.env!, targets, files);
      if (opts.json) printJson({ out: outDir, files: files.map((f) => f.path) });
      else process.stdout.write(`${out.green("✔")} rendered ${files.length} files for ${opts.env} into ${outDir}\n`);
    });
}

function parseTargets(raw: string[]): TargetId[] {
  const list = raw.flatMap((t) => t.split(",")).filter(Boolean);
  if (list.length === 0) return [...targetIds];
  const unknown = list.filter((t) => !(targetIds as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new UsageError(`Unknown render target: ${unknown.join(", ")}.`, { hint: `Targets: ${targetIds.join(", ")}.` });
  return list as TargetId[];
}
