import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import type { RenderedFile } from "./types.js";

/**
 * Writes rendered files under `outDir`, first clearing each `<target>/<env>` folder being
 * rendered so that a removed node's manifests disappear instead of lingering.
 */
export async function writeRendered(outDir: string, env: string, targets: readonly string[], files: RenderedFile[]): Promise<void> {
  for (const t of targets) await rm(path.join(outDir, t, env), { recursive: true, force: true });
  for (const f of files) {
    const file = path.join(outDir, f.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, f.content);
  }
}

export type RenderDiff = { added: string[]; removed: string[]; changed: string[]; patch: string };

/** Unified diff of two renderings, file by file in path order (what goes into the PR comment). */
export function diffRendered(before: RenderedFile[], after: RenderedFile[]): RenderDiff {
  const a = new Map(before.map((f) => [f.path, f.content]));
  const b = new Map(after.map((f) => [f.path, f.content]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const result: RenderDiff = { added: [], removed: [], changed: [], patch: "" };
  const patches: string[] = [];
  for (const p of paths) {
    const old = a.get(p);
    const now = b.get(p);
    if (old === now) continue;
    if (old === undefined) result.added.push(p);
    else if (now === undefined) result.removed.push(p);
    else result.changed.push(p);
    patches.push(
      createTwoFilesPatch(
        old === undefined ? "/dev/null" : `a/${p}`,
        now === undefined ? "/dev/null" : `b/${p}`,
        old ?? "",
        now ?? "",
        undefined,
        undefined,
        {
          context: 3,
        },
      ),
    );
  }
  result.patch = patches.join("");
  return result;
}
