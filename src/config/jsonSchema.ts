import { z } from "zod";
import { ignoreFile, ruleFile } from "../policy/schema.js";
import { resourceFile, rootFile } from "./schema/root.js";

/** The JSON Schemas editors use (through yaml-language-server), generated from the zod schemas. */
export const jsonSchemas = {
  "w3o.schema.json": { schema: rootFile, title: "w3o.yaml" },
  "w3o-resources.schema.json": { schema: resourceFile, title: "w3o resource file" },
  "w3o-ignore.schema.json": { schema: ignoreFile, title: ".w3oignore.yaml" },
  "w3o-rule.schema.json": { schema: ruleFile, title: "w3o policy rule" },
} as const;

export function generateJsonSchema(file: keyof typeof jsonSchemas): string {
  const { schema, title } = jsonSchemas[file];
  // io: "input" describes what users write: fields with defaults are optional.
  const json = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ $id: `https://w3o.dev/schema/${file}`, title, ...json }, null, 2)}\n`;
}
