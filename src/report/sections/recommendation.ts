import { cell, details, fenced } from "../markdown.js";
import { formatRecommendation } from "../recommend.js";
import type { Section } from "../section.js";

export const recommendationSection: Section = {
  id: "recommendation",
  foldOrder: 5,
  render(r, detail) {
    const rec = r.recommendation;
    if (!rec) return [];
    const top = rec.combination
      ? `${rec.combination.settlement.name} for settlement + ${rec.combination.execution.name} for execution`
      : (rec.ranked[0]?.name ?? "no candidate");
    const out = ["### Recommended chains", "", `**${cell(top)}** — ${cell(rec.summary)}`];
    if (detail !== "brief") out.push("", ...details("Ranking and reasons", fenced(formatRecommendation(rec).trimEnd())));
    out.push("", "`w3o recommend` explains it locally.");
    return out;
  },
};
