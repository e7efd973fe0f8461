import type { Interrupted } from "../state/interrupted.js";
import type { Plan, PlanStep, PlanSummary } from "./types.js";

/** Actions an interrupted apply may have been carrying out; a noop, drift or remove step is covered by the record. */
const RESUMABLE = new Set<PlanStep["action"]>(["create", "update", "replace"]);

/**
 * The plan as it stands after an interrupted apply (pure): every step whose transactions the
 * journal has but no record covers carries them in `interrupted` and is counted as interrupted,
 * not as a fresh create (or update, replace). A PR report must not tell a reviewer to deploy again
 * what is already on chain and only waits to be recorded.
 */
export function markInterrupted(plan: Plan, interrupted: Interrupted | undefined): Plan {
  if (!interrupted) return plan;
  const opsOf = new Map<string, NonNullable<PlanStep["interrupted"]>>();
  for (const n of interrupted.networks) for (const o of n.ops) opsOf.set(o.step, [...(opsOf.get(o.step) ?? []), o]);
  const summary: PlanSummary = { ...plan.summary, interrupted: 0 };
  const networks = plan.networks.map((net) => ({
    ...net,
    steps: net.steps.map((s) => {
      const ops = opsOf.get(s.id);
      if (!ops || !RESUMABLE.has(s.action)) return s;
      summary.interrupted = (summary.interrupted ?? 0) + 1;
      if (s.action === "update") summary[s.changes?.some((c) => c.kind === "upgrade") ? "upgrade" : "update"]--;
      else summary[s.action as "create" | "replace"]--;
      return { ...s, interrupted: ops };
    }),
  }));
  return { ...plan, networks, summary, interrupted };
}
