import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { generateJsonSchema, jsonSchemas } from "../../config/jsonSchema.js";

export function register(program: Command): void {
  program
    .command("schema")
    .description("Write the JSON Schemas of w3o.yaml and resource files (for editors, via yaml-language-server).")
    .option("--out <dir>", "folder to write them to", "schema")
    .option("--stdout", "print the w3o.yaml schema instead of writing files")
    .action(async (opts: { out: string; stdout?: boolean }) => {
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
    });
}
