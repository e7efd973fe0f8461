import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("schema")
    .description("Write the JSON Schemas of w3o.yaml and resource files (for editors, via yaml-language-server).")
    .option("--out <dir>", "folder to write them to", "schema")
    .option("--stdout", "print the w3o.yaml schema instead of writing files")
    .option("--docs <file>", "also write the Markdown reference of the format to this file")
    .option("--policies <file>", "also write the Markdown list of audit rules and suppressions to this file")
    .action(async (opts: { out: string; stdout?: boolean; docs?: string; policies?: string }) => {
      const [{ generateJsonSchema, jsonSchemas }, { generateReference }] = await Promise.all([
        import("../../config/jsonSchema.js"),
        import("../../config/reference.js"),
      ]);
      if (opts.stdout) {
        process.stdout.write(generateJsonSchema("w3o.schema.json"));
        return;
      }
      await mkdir(opts.out, { recursive: true });
      for (const file of Object.keys(jsonSchemas) as (keyof typeof jsonSchemas)[]) {
        const target = path.join(opts.out, file);
        await writeFile(target, generateJsonSchema(file));
        process.stdout.write(`wrote ${target}\n`);
      }
      if (opts.docs) {
        await mkdir(path.dirname(opts.docs), { recursive: true });
        await writeFile(opts.docs, generateReference());
        process.stdout.write(`wrote ${opts.docs}\n`);
      }
      if (opts.policies) {
        const [{ loadPolicies }, { generatePoliciesDoc }] = await Promise.all([
          import("../../policy/load.js"),
          import("../../policy/docs.js"),
        ]);
        await mkdir(path.dirname(opts.policies), { recursive: true });
        await writeFile(opts.policies, generatePoliciesDoc((await loadPolicies()).rules));
        process.stdout.write(`wrote ${opts.policies}\n`);
      }
    });
}
