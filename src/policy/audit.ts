import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { loadModel } from "../config/load.js";
import type { Model } from "../config/model.js";
import { compareStrings } from "../util/compare.js";
import { evaluate } from "./engine.js";
import { collectFiles, diffFrom, readIgnoreFile } from "./inputs.js";
import { loadPolicies, type PolicySet } from "./load.js";
import { mergeRendered, renderedManifests } from "./renderedManifests.js";
import type { Evaluation, PolicyInput, RenderedFile } from "./types.js";

export type AuditOptions = {
  base?: string;
  /** Kubernetes manifests to check; by default those committed under gitops.path plus what w3o renders now. */
  rendered?: RenderedFile[];
  now?: Date;
  policies?: PolicySet;
  /** The repo already loaded (a PR review loads it once for validation, plans and the audit). */
  model?: Model;
};

/** The I/O edge of the audit: reads the repo, its files, the diff and the manifests, then evaluates. */
export async function runAudit(
  dir: string,
  opts: AuditOptions = {},
): Promise<{ input: PolicyInput; evaluation: Evaluation; policies: PolicySet }> {
  const [model, policies] = await Promise.all([opts.model ?? loadModel(dir), opts.policies ?? loadPolicies()]);
  const input: PolicyInput = {
    model,
    files: await collectFiles(model.dir),
    ignoreFile: await readIgnoreFile(model.dir),
    rendered: opts.rendered ?? mergeRendered(await readRendered(model.dir, model.gitops?.path ?? "deploy"), renderedManifests(model)),
    diff: opts.base ? await diffFrom(model.dir, opts.base) : undefined,
    now: opts.now,
  };
  return { input, evaluation: await evaluate(input, policies.rules), policies };
}

/** Kubernetes manifests committed under the GitOps path (what Argo CD applies). */
export async function readRendered(dir: string, rel: string): Promise<RenderedFile[]> {
  const out: RenderedFile[] = [];
  const walk = async (sub: string) => {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const p = `${sub}/${e.name}`;
      if (e.isDirectory()) await walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = await readFile(path.join(dir, p), "utf8");
        const objects = parseAllDocuments(text)
          .filter((d) => d.contents !== null)
          .map((d) => d.toJS() as Record<string, unknown>)
          .filter((o) => o && typeof o === "object" && "kind" in o);
        if (objects.length) out.push({ file: p, objects, text });
      }
    }
  };
  await walk(rel.replace(/\/$/, ""));
  return out;
}
