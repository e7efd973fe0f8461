import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { ConfigError } from "../config/diagnostics.js";
import { loadModel } from "../config/load.js";
import type { FixtureInput } from "./schema.js";
import type { PolicyInput } from "./types.js";

/** Maps merge key by key, lists and scalars replace, and null deletes: how rule fixtures overlay the base repo. */
export function overlay(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isMap(over)) return over;
  if (!isMap(base)) return overlay({}, over);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = overlay(base[k], v);
  }
  return out;
}
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Builds a real policy input from a rule fixture: the model goes through the real loader (in a temp repo),
 * so positions and defaults are what users get.
 */
export async function fixtureToInput(policies: string, fixture: FixtureInput): Promise<PolicyInput> {
  const base = parse(await readFile(path.join(policies, "fixtures", "base.yaml"), "utf8"));
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-fixture-"));
  const config = overlay(base, fixture.model ?? {}) as { contracts?: Record<string, { source?: string; contract?: string }> };
  await writeFile(path.join(dir, "w3o.yaml"), stringify(config));
  // The loader refuses contracts whose source is missing; fixtures are about policy, so each gets a minimal one.
  for (const [name, c] of Object.entries(config.contracts ?? {})) {
    if (!c.source || c.source.startsWith("@")) continue;
    await mkdir(path.dirname(path.join(dir, c.source)), { recursive: true });
    await writeFile(
      path.join(dir, c.source),
      `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract ${c.contract ?? name} {}\n`,
    );
  }
  let model: PolicyInput["model"];
  try {
    model = await loadModel(dir);
  } catch (e) {
    if (e instanceof ConfigError) throw new Error(`fixture model does not load: ${e.message}`);
    throw e;
  }
  let line = 0;
  return {
    model,
    rendered: fixture.rendered,
    files: fixture.files?.map((f) => ({ path: f.path, content: f.content, mode: f.mode ? Number.parseInt(f.mode, 8) : undefined })),
    diff: fixture.diff?.map((d) => ({
      path: d.path,
      added: d.added
        .replace(/\n$/, "")
        .split("\n")
        .map((text) => ({ line: ++line, text })),
    })),
    now: fixture.now ? new Date(`${fixture.now}T12:00:00Z`) : undefined,
  };
}
