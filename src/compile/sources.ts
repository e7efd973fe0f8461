import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BaseError } from "../errors/index.js";

const ownRequire = createRequire(import.meta.url);

export class SourceNotFoundError extends BaseError {
  override name = "SourceNotFoundError";
}

/** Source unit name → content: exactly what solc gets, and what the cache key hashes. */
export type Sources = Record<string, string>;

// `import "x";` `import "x" as y;` `import * as y from "x";` `import {a, b as c} from "x";`
const IMPORT_RE = /\bimport\s+(?:[^"';]*?\bfrom\s+)?["']([^"']+)["']/g;
const COMMENT_RE = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

/** Import paths of one Solidity file (comments removed first so commented-out imports do not count). */
export function importsOf(content: string): string[] {
  const code = content.replace(COMMENT_RE, " ");
  return [...code.matchAll(IMPORT_RE)].map((m) => m[1] as string);
}

/** The unit name solc uses for an import: relative paths are resolved against the importing unit. */
export function resolveImport(from: string, spec: string): string {
  if (spec.startsWith("./") || spec.startsWith("../")) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return spec;
}

const isFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() === true;

/**
 * Reads a unit: a repo-relative file, else a file of an npm package (`@openzeppelin/contracts/…`)
 * found from the repo's node_modules first, then w3o's own (which ships OpenZeppelin v5). Read
 * synchronously: a repo's sources are tens of small files found level by level along the imports,
 * and a thread-pool round trip per level (plus a failed read per package file) cost ~7 ms where
 * reading them outright takes ~1.
 */
function readUnit(repoDir: string, unit: string, packages: PackageDirs, importedFrom?: string): string {
  const local = path.join(repoDir, unit);
  if (isFile(local)) return readFileSync(local, "utf8");
  const m = unit.match(/^((?:@[^/]+\/)?[^/]+)\/(.+)$/);
  if (m) {
    const [, pkg, rest] = m as unknown as [string, string, string];
    for (const dir of packages.of(pkg)) {
      const file = path.join(dir, rest);
      if (isFile(file)) return readFileSync(file, "utf8");
    }
  }
  throw new SourceNotFoundError(`cannot find Solidity source "${unit}"${importedFrom ? ` (imported by ${importedFrom})` : ""}`, {
    hint: unit.startsWith("@")
      ? "Install the package that provides it in the infra repo (npm install …), or fix the import path."
      : "Paths are relative to the infra repo root (e.g. contracts/src/Token.sol); check the file exists.",
  });
}

/**
 * Where an npm package lives, from the repo's node_modules first, then w3o's own: resolved once per
 * package, not once per file (an OpenZeppelin contract pulls in dozens of files of one package).
 */
class PackageDirs {
  private readonly dirs = new Map<string, string[]>();
  private readonly requires;
  constructor(repoDir: string) {
    this.requires = [createRequire(path.join(repoDir, "package.json")), ownRequire];
  }
  of(pkg: string): string[] {
    let found = this.dirs.get(pkg);
    if (!found) {
      found = this.requires.flatMap((req) => {
        try {
          return [path.dirname(req.resolve(`${pkg}/package.json`))];
        } catch {
          return [];
        }
      });
      this.dirs.set(pkg, found);
    }
    return found;
  }
}

/**
 * Reads the root units and everything they import, transitively. `generated` units (w3o's own
 * sources for workflows, written from the config) are taken as given, before any file.
 */
export async function collectSources(repoDir: string, roots: string[], generated: Sources = {}): Promise<Sources> {
  const packages = new PackageDirs(repoDir);
  const sources: Sources = {};
  const queue: { unit: string; from?: string }[] = roots.map((unit) => ({ unit }));
  const seen = new Set<string>();
  while (queue.length) {
    const q = queue.shift() as (typeof queue)[number];
    if (seen.has(q.unit)) continue;
    seen.add(q.unit);
    const content = generated[q.unit] ?? readUnit(repoDir, q.unit, packages, q.from);
    sources[q.unit] = content;
    for (const spec of importsOf(content)) queue.push({ unit: resolveImport(q.unit, spec), from: q.unit });
  }
  return sources;
}
