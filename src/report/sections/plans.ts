import { needsOwnerLine } from "../../plan/owners.js";
import type { Plan } from "../../plan/types.js";
import { cell, code, details, fenced, fitLines, plural } from "../markdown.js";
import { renderPlan, summaryLine } from "../plan.js";
import { BRIEF_ITEMS, briefList, type Detail, type Section } from "../section.js";
import { type EnvironmentReport, lockBlock, type PrReport } from "../types.js";

/** Steps apply would refuse: shown outside the fold at every detail, since they block the merge. */
function refusals(plan: Plan): string[] {
  const out: string[] = [];
  for (const s of plan.networks.flatMap((n) => n.steps)) {
    for (const p of s.problems ?? []) out.push(`- ✖ \`${s.id}\`: ${cell(p)}`);
    for (const n of s.needsOwner ?? []) out.push(`- ✋ \`${s.id}\`: ${cell(needsOwnerLine(n))}`);
  }
  return out;
}

function changedOnly(plan: Plan): Plan {
  return { ...plan, networks: plan.networks.map((n) => ({ ...n, steps: n.steps.filter((s) => s.action !== "noop") })) };
}

/** Step lines start at column 0 in a `diff` fence, so GitHub colours creates green and removals red. */
export function diffColoured(planText: string): string {
  return planText.replace(/^ {2}([+\-~!=±↻]) /gm, "$1 ");
}

function planText(plan: Plan, detail: Detail): { text: string; steps: number } {
  const shown = detail === "full" ? plan : changedOnly(plan);
  const steps = shown.networks.reduce((n, net) => n + net.steps.length, 0);
  let text = diffColoured(renderPlan(shown).trimEnd());
  // At brief, the first lines of the plan only: the check run's text and the JSON report have it all.
  if (detail === "brief") text = fitLines(text.split("\n"), 4_000, (n) => `… ${plural(n, "more line")}: see the check run`).join("\n");
  return { text, steps };
}

function environment(r: PrReport, e: EnvironmentReport, detail: Detail, apply: string, plan: string): string[] {
  const out = [`### Environment \`${e.name}\``, ""];
  if (!e.plan) {
    if (e.error) out.push("Could not be planned:", "", ...fenced(e.error));
    else out.push("Not planned: the live state of its networks could not be read (below).");
  } else {
    out.push(`**${summaryLine(e.plan.summary)}**`);
    const refused = refusals(e.plan);
    if (refused.length) out.push("", "Apply would refuse:", ...briefList(refused, detail, "the check run"));
    const { text, steps } = planText(e.plan, detail);
    if (steps)
      out.push("", ...details(`${plural(steps, "step")}${detail === "full" ? "" : " that change something"}`, fenced(text, "diff")));
  }
  if (e.unread.length) {
    out.push("", "Live state not read for:");
    const items = e.unread.map((u) => `- \`${u.network}\`: ${cell(u.reason)}${u.fix ? ` — ${cell(u.fix)}` : ""}`);
    out.push(...(detail === "brief" ? items.slice(0, BRIEF_ITEMS) : items));
  }
  const locked = lockBlock(r, e.name);
  if (locked) {
    const why = locked.by ? `\`${e.name}\` is locked by #${locked.by.pull}` : "the lock store could not be reached";
    out.push("", `🔒 **Blocked**: ${why}, so this plan is not applied (see Locks). Reproduce locally: ${code(plan)}.`);
    return out;
  }
  out.push(
    "",
    e.plan && !refusals(e.plan).length
      ? `After merge: ${code(apply)}. Reproduce locally: ${code(plan)}.`
      : `Reproduce locally: ${code(plan)}.`,
  );
  return out;
}

/** One block per environment the PR touches: summary line, refused steps, the plan folded. */
export const plansSection: Section = {
  id: "plans",
  foldOrder: 6,
  render(r, detail, ctx) {
    return r.environments.flatMap((e, i) => [
      ...(i ? [""] : []),
      ...environment(r, e, detail, ctx.commands.apply(e.name), ctx.commands.plan(e.name)),
    ]);
  },
};
