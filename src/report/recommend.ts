import type { Ranked, Recommendation } from "../recommend/evaluate.js";
import { finish } from "./text.js";

/** The recommendation for people: path taken, ranking with scores, trade-offs and the bridge note. */
export function formatRecommendation(r: Recommendation): string {
  const out = [`Decision tree v${r.treeVersion}`, "", "Path:"];
  for (const step of r.path) out.push(`  ${step.question} ${step.answer}`);
  out.push(`  → ${r.leaf}: ${r.summary}`, "");
  if (r.combination) {
    const { settlement, execution, bridge } = r.combination;
    out.push(`Recommended: ${settlement.name} for settlement + ${execution.name} for execution`, `  Bridge: ${bridge}`, "");
  } else if (r.ranked[0]) out.push(`Recommended: ${r.ranked[0].name} (score ${r.ranked[0].score}/100)`, "");
  out.push("Ranking:");
  for (const c of r.ranked) out.push(...candidate(c));
  return finish(out);
}

function candidate(c: Ranked): string[] {
  const lines = [`  ${String(c.score).padStart(3)}  ${c.name}`];
  for (const b of c.breakdown) lines.push(`         ${b.criterion.padEnd(17)} ${b.score}/5 (wants ${b.wanted}, offers ${b.offered})`);
  for (const t of c.tradeoffs) lines.push(`       + ${t}`);
  return lines;
}
