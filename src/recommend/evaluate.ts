import jmespath from "jmespath";
import type { z } from "zod";
import type { useCase as useCaseSchema } from "../config/schema/useCase.js";
import { truthy } from "../policy/engine.js";
import { compareStrings } from "../util/compare.js";
import type { Candidate, DecisionTree } from "./tree.js";

export type UseCase = z.infer<typeof useCaseSchema>;

export type CriterionScore = { criterion: string; wanted: string; offered: string; score: number; weight: number };
export type Ranked = { id: string; name: string; score: number; breakdown: CriterionScore[]; tradeoffs: string[]; shortfalls: string[] };
export type Recommendation = {
  treeVersion: number;
  path: { node: string; question: string; answer: "yes" | "no" }[];
  leaf: string;
  summary: string;
  ranked: Ranked[];
  combination?: { settlement: Ranked; execution: Ranked; bridge: string };
};

const byScore = (a: Ranked, b: Ranked) => b.score - a.score || compareStrings(a.id, b.id);

/** Walks the tree for the use case, then scores the leaf's candidates on every criterion the use case declares. Pure. */
export function recommend(tree: DecisionTree, useCase: UseCase): Recommendation {
  const doc = { ...useCase, teamSkills: useCase.teamSkills ?? [], regulatory: useCase.regulatory ?? [] };
  const path: Recommendation["path"] = [];
  let id = tree.start;
  for (let steps = 0; steps <= Object.keys(tree.nodes).length; steps++) {
    const node = tree.nodes[id];
    if (!node) throw new Error(`decision tree: missing node ${id}`);
    if ("leaf" in node) {
      const ranked = node.leaf.candidates.map((c) => score(tree, c, doc)).sort(byScore);
      const combo = node.leaf.combination;
      const execution = combo ? combo.execution.map((c) => score(tree, c, doc)).sort(byScore)[0] : undefined;
      return {
        treeVersion: tree.version,
        path,
        leaf: id,
        summary: node.leaf.summary,
        ranked,
        ...(combo && execution
          ? { combination: { settlement: score(tree, combo.settlement, doc), execution, bridge: combo.bridge.trim() } }
          : {}),
      };
    }
    const yes = truthy(jmespath.search(doc as never, node.when));
    path.push({ node: id, question: node.question, answer: yes ? "yes" : "no" });
    id = yes ? node.yes : node.no;
  }
  throw new Error("decision tree: cycle detected");
}

function score(tree: DecisionTree, id: string, uc: UseCase): Ranked {
  const c = tree.candidates[id] as Candidate;
  const p = c.profile;
  const breakdown: CriterionScore[] = [];
  const add = (criterion: keyof DecisionTree["criteria"], wanted: string, offered: string, s: number) =>
    breakdown.push({ criterion, wanted, offered, score: Math.max(0, Math.min(5, s)), weight: tree.criteria[criterion] ?? 1 });
  // Meeting or beating the wanted level scores 5; each level short costs 2.
  const ordinal = (k: "throughput" | "finality" | "decentralization" | "interoperability", wanted?: string) => {
    if (!wanted) return;
    const gap = tree.levels[k].indexOf(wanted) - tree.levels[k].indexOf(p[k]);
    add(k, wanted, p[k], gap <= 0 ? 5 : 5 - 2 * gap);
  };
  ordinal("throughput", uc.throughput);
  ordinal("finality", uc.finality);
  ordinal("decentralization", uc.decentralization);
  ordinal("interoperability", uc.interoperability);
  if (uc.costPerTx) {
    const over = tree.levels.costPerTx.indexOf(p.costPerTx) - tree.levels.costPerTx.indexOf(uc.costPerTx);
    add("costPerTx", `${uc.costPerTx} or cheaper`, p.costPerTx, over <= 0 ? 5 : 5 - 2 * over);
  }
  if (uc.evm && uc.evm !== "not-needed") {
    const table = uc.evm === "required" ? { full: 5, partial: 2, none: 0 } : { full: 5, partial: 4, none: 2 };
    add("evm", uc.evm, p.evm, table[p.evm]);
  }
  if (uc.privacy) add("privacy", uc.privacy, p.privacy.join("/"), p.privacy.includes(uc.privacy) ? 5 : 0);
  if (uc.teamSkills?.length) {
    const shared = uc.teamSkills.filter((s) => p.skills.includes(s));
    add("teamSkills", uc.teamSkills.join("/"), p.skills.join("/"), shared.length ? 5 : 1);
  }
  if (uc.regulatory?.length) {
    const avg = uc.regulatory.reduce((sum, r) => sum + (p.regulatory[r] ?? 0), 0) / uc.regulatory.length;
    add(
      "regulatory",
      uc.regulatory.join("/"),
      uc.regulatory.map((r) => `${r} ${p.regulatory[r] ?? 0}/5`).join(", "),
      Math.round(avg * 10) / 10,
    );
  }
  const max = breakdown.reduce((s, b) => s + b.weight * 5, 0);
  const got = breakdown.reduce((s, b) => s + b.weight * b.score, 0);
  return {
    id,
    name: c.name,
    score: max === 0 ? 0 : Math.round((got / max) * 100),
    breakdown,
    tradeoffs: c.tradeoffs,
    shortfalls: breakdown.filter((b) => b.score < 5).map((b) => `${b.criterion}: wants ${b.wanted}, offers ${b.offered}`),
  };
}
