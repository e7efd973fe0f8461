import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { z } from "zod";
import { policyPacks } from "../config/schema/policy.js";
import { BaseError } from "../errors/index.js";
import { type Catalog, catalogFile, type Framework, frameworks, type Pack, type Rule, ruleFile } from "./schema.js";

export class PolicyFileError extends BaseError {
  override name = "PolicyFileError";
}

/** The `policies/` folder shipped with w3o: next to `src/` in a checkout, next to `dist/` once built (chunks are in dist/chunks/). */
export function policiesDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "policies", "frameworks"))) return path.join(dir, "policies");
  }
  throw new PolicyFileError("cannot find the policies/ folder of w3o", { hint: "Reinstall w3o: the package ships policies/." });
}

export type PolicySet = { rules: Rule[]; catalogs: Record<Framework, Catalog> };

/** Reads every rule file and framework catalog, validating each with its zod schema. */
export async function loadPolicies(dir = policiesDir()): Promise<PolicySet> {
  const rules: Rule[] = [];
  for (const pack of policyPacks) {
    const packDir = path.join(dir, pack);
    const names = (await readdir(packDir).catch(() => [] as string[])).filter((f) => /^W3O-.*\.yaml$/.test(f)).sort();
    for (const name of names) {
      const file = `${pack}/${name}`;
      const data = await readYaml(dir, file, ruleFile);
      if (`${data.id}.yaml` !== name) throw new PolicyFileError(`${file}: the file name must be the rule id (${data.id}.yaml)`);
      rules.push({ ...data, pack: pack as Pack, file });
    }
  }
  const catalogs = {} as Record<Framework, Catalog>;
  for (const fw of frameworks) catalogs[fw] = await readYaml(dir, `frameworks/${fw}.yaml`, catalogFile);
  return { rules, catalogs };
}

async function readYaml<T extends z.ZodType>(dir: string, file: string, schema: T): Promise<z.infer<T>> {
  const text = await readFile(path.join(dir, file), "utf8");
  const parsed = schema.safeParse(parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new PolicyFileError(`policies/${file} is invalid`, { metaMessages: issues });
  }
  return parsed.data;
}
