import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * The static parts of rendered output live in `templates/` at the package root, shipped with
 * the package. Found by walking up from this module, so it works from `src/` and from `dist/`.
 */
export function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "templates");
    try {
      readFileSync(path.join(candidate, "README.md"));
      return candidate;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error("templates/ not found next to the w3o package");
      dir = parent;
    }
  }
}

export const readTemplate = (rel: string): string => readFileSync(path.join(templatesDir(), rel), "utf8");
export const readYamlTemplate = <T = unknown>(rel: string): T => parse(readTemplate(rel)) as T;
