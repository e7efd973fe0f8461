import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { BaseError } from "../errors/index.js";
import { policiesDir } from "../policy/load.js";

export class DecisionTreeError extends BaseError {
  override name = "DecisionTreeError";
}

const level = z.string();
export const criterionNames = [
  "throughput",
  "finality",
  "evm",
  "decentralization",
  "costPerTx",
  "privacy",
  "interoperability",
  "teamSkills",
  "regulatory",
] as const;

const candidate = z.strictObject({
  name: z.string(),
  profile: z.strictObject({
    throughput: level,
    finality: level,
    evm: z.enum(["full", "partial", "none"]),
    decentralization: level,
    costPerTx: level,
    privacy: z.array(z.enum(["public", "permissioned", "private"])).min(1),
    interoperability: level,
    skills: z.array(z.string()),
    regulatory: z.record(z.enum(["gdpr", "mica", "kyc", "data-residency"]), z.number().min(0).max(5)),
  }),
  tradeoffs: z.array(z.string()).min(1),
});

const question = z.strictObject({
  question: z.string(),
  when: z.string().describe("JMESPath over the use case."),
  yes: z.string(),
  no: z.string(),
});
const leaf = z.strictObject({
  leaf: z.strictObject({
    summary: z.string(),
    candidates: z.array(z.string()).min(1),
    combination: z.strictObject({ settlement: z.string(), execution: z.array(z.string()).min(1), bridge: z.string() }).optional(),
  }),
});

/** `policies/decision-tree/chains.yaml`: versioned data, validated here; the walk is in evaluate.ts. */
export const decisionTree = z
  .strictObject({
    version: z.number().int(),
    updated: z.string(),
    criteria: z.record(z.enum(criterionNames), z.number().min(0)),
    levels: z.strictObject({
      throughput: z.array(z.string()),
      finality: z.array(z.string()),
      decentralization: z.array(z.string()),
      interoperability: z.array(z.string()),
      costPerTx: z.array(z.string()),
    }),
    candidates: z.record(z.string(), candidate),
    start: z.string(),
    nodes: z.record(z.string(), z.union([question, leaf])),
  })
  .superRefine((t, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!t.nodes[t.start]) problem(`start node "${t.start}" does not exist`);
    for (const [id, n] of Object.entries(t.nodes)) {
      if ("leaf" in n) {
        const ids = [...n.leaf.candidates, ...(n.leaf.combination ? [n.leaf.combination.settlement, ...n.leaf.combination.execution] : [])];
        for (const c of ids) if (!t.candidates[c]) problem(`leaf ${id} names unknown candidate "${c}"`);
      } else for (const next of [n.yes, n.no]) if (!t.nodes[next]) problem(`node ${id} points to missing node "${next}"`);
    }
    for (const [id, c] of Object.entries(t.candidates)) {
      for (const k of ["throughput", "finality", "decentralization", "interoperability", "costPerTx"] as const) {
        if (!t.levels[k].includes(c.profile[k])) problem(`candidate ${id}: ${k} "${c.profile[k]}" is not one of ${t.levels[k].join(", ")}`);
      }
    }
  });
export type DecisionTree = z.infer<typeof decisionTree>;
export type Candidate = z.infer<typeof candidate>;

export async function loadDecisionTree(file = path.join(policiesDir(), "decision-tree", "chains.yaml")): Promise<DecisionTree> {
  const parsed = decisionTree.safeParse(parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    throw new DecisionTreeError(`${file} is invalid`, {
      metaMessages: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    });
  }
  return parsed.data;
}
