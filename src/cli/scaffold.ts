import path from "node:path";
import { parseDocument } from "yaml";
import { NAME_PATTERN } from "../config/schema/common.js";
import { readTemplate, templatesDir } from "../render/templates.js";

/** One file `w3o init` writes: its path inside the new repo and its text. */
export type ScaffoldFile = { path: string; text: string };

/** The files of a new infra repo, from templates/init/ (`gitignore` there: npm never packs a `.gitignore`). */
const FILES: { path: string; template: string; schema?: string }[] = [
  { path: "w3o.yaml", template: "init/w3o.yaml", schema: "w3o.schema.json" },
  { path: "contracts/greeter.yaml", template: "init/contracts/greeter.yaml", schema: "w3o-resources.schema.json" },
  { path: "contracts/src/Greeter.sol", template: "init/contracts/src/Greeter.sol" },
  { path: ".gitignore", template: "init/gitignore" },
  // The Action's workflow: a PR review from the first push (dot-folders are kept out of templates/ like .gitignore).
  { path: ".github/workflows/w3o.yml", template: "init/workflow.yml" },
];

export const SCHEMA_URL = "https://w3o.dev/schema";

/** A project name the schema accepts, from a folder name: "My Infra!" → "my-infra". */
export function projectName(dir: string): string {
  const base = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 63);
  return NAME_PATTERN.test(base) ? base : "infra";
}

/**
 * Where a file's `$schema` header points: the schema shipped in the w3o package when that package is
 * installed inside the repo (node_modules/, so the path holds on every clone), else the published URL.
 */
export function schemaRef(root: string, file: string, schemaDir: string): string {
  const inside = path.relative(root, schemaDir);
  if (inside.startsWith("..") || path.isAbsolute(inside)) return SCHEMA_URL;
  return path
    .relative(path.dirname(path.join(root, file)), schemaDir)
    .split(path.sep)
    .join("/");
}

/** The files of a new infra repo in `dir`, named `project`. Pure but for reading the templates. */
export function scaffold(dir: string, project: string): ScaffoldFile[] {
  const root = path.resolve(dir);
  const schemaDir = path.join(path.dirname(templatesDir()), "schema");
  return FILES.map((f) => {
    let text = readTemplate(f.template);
    if (f.path === "w3o.yaml") {
      const doc = parseDocument(text);
      doc.set("project", project);
      text = doc.toString({ flowCollectionPadding: false });
    }
    if (f.schema) {
      text = `# yaml-language-server: $schema=${schemaRef(root, f.path, schemaDir)}/${f.schema}\n${text}`;
    }
    return { path: f.path, text };
  });
}
