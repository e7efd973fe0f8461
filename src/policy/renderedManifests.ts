import { parseAllDocuments } from "yaml";
import type { Model } from "../config/model.js";
import { render } from "../render/index.js";
import { compareStrings } from "../util/compare.js";
import type { RenderedFile } from "./types.js";

/**
 * The Kubernetes manifests w3o renders for every environment, at the paths GitOps mode commits
 * them to, so that a PR is audited on what it would deploy even before anything is committed.
 */
export function renderedManifests(model: Model): RenderedFile[] {
  const base = (model.gitops?.path ?? "deploy").replace(/\/$/, "");
  const out: RenderedFile[] = [];
  for (const env of Object.keys(model.environments).sort()) {
    for (const f of render(model, env, ["kubernetes"])) {
      const objects = parseAllDocuments(f.content)
        .map((d) => d.toJS() as Record<string, unknown> | null)
        .filter((o): o is Record<string, unknown> => Boolean(o) && typeof o === "object" && "kind" in (o as object));
      if (objects.length) out.push({ file: `${base}/${f.path}`, objects, text: f.content });
    }
  }
  return out;
}

/** Committed manifests plus freshly rendered ones; where both exist, the rendered one is what the PR proposes. */
export function mergeRendered(committed: RenderedFile[], rendered: RenderedFile[]): RenderedFile[] {
  const byFile = new Map(committed.map((f) => [f.file, f]));
  for (const f of rendered) byFile.set(f.file, f);
  return [...byFile.values()].sort((a, b) => compareStrings(a.file, b.file));
}
