import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { BaseError } from "../../errors/index.js";
import { EXIT } from "../exitCodes.js";
import { out } from "../output.js";

export class InitRefusedError extends BaseError {
  override name = "InitRefusedError";
}

export function register(program: Command): void {
  program
    .command("init")
    .description("Create a new infra repo: w3o.yaml with one dev environment on the local devnet, one example contract, .gitignore.")
    .argument("[dir]", "folder to create it in (created if missing)", ".")
    .option("--project <name>", "project name (default: from the folder's name)")
    .action(async (dir: string, opts: { project?: string }) => {
      const { projectName, scaffold } = await import("../scaffold.js");
      const files = scaffold(dir, opts.project ?? projectName(dir));
      const exists = async (p: string) =>
        access(path.join(dir, p)).then(
          () => true,
          () => false,
        );
      const taken = (await Promise.all(files.map(async (f) => ((await exists(f.path)) ? f.path : undefined)))).filter(Boolean);
      if (taken.length) {
        throw new InitRefusedError(`${dir} already has ${taken.join(", ")}: w3o init writes nothing over existing files`, {
          hint: "Run it in an empty folder (w3o init NEW_DIR), or move those files away first.",
        });
      }
      for (const f of files) {
        await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
        await writeFile(path.join(dir, f.path), f.text, { flag: "wx" });
        process.stdout.write(`${out.green("+")} ${path.join(dir, f.path)}\n`);
      }
      const cd = path.resolve(dir) === process.cwd() ? "" : `cd ${dir} && `;
      process.stdout.write(`\nNext: ${cd}w3o validate && w3o up\n`);
      process.exitCode = EXIT.ok;
    });
}
