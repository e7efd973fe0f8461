import { formatCompileDiagnostic } from "../compile/errors.js";
import { needsOwnerLine, OWNER_HINT } from "../plan/owners.js";
import type { Plan, PlanStep, PlanSummary } from "../plan/types.js";
import { interruptedLines, opLine } from "../state/interrupted.js";
import { finish, type Palette, plain } from "./text.js";
import { workflowLines, workflowSummary } from "./workflows.js";

/** The summary every plan ends with. `to update`, `to replace` and `blocked` appear only when there are some. */
export function summaryLine(s: PlanSummary): string {
  const parts = [`${s.create} to create`, `${s.upgrade} to upgrade`];
  if (s.update) parts.push(`${s.update} to update`);
  if (s.replace) parts.push(`${s.replace} to replace`);
  parts.push(`${s.remove} to remove`, `${s.noop} unchanged`, `${s.drift} drifted`);
  if (s.blocked) parts.push(`${s.blocked} blocked`);
  if (s.needsOwner) parts.push(`${s.needsOwner} ${s.needsOwner === 1 ? "needs" : "need"} an owner`);
  if (s.interrupted) parts.push(`${s.interrupted} interrupted`);
  return `Plan: ${parts.join(", ")}`;
}

const label = (s: PlanStep) =>
  s.interrupted ? "resume" : s.action === "update" && s.changes?.some((c) => c.kind === "upgrade") ? "upgrade" : s.action;

const SYMBOL: Record<string, [string, keyof Palette]> = {
  create: ["+", "green"],
  upgrade: ["~", "yellow"],
  update: ["~", "yellow"],
  replace: ["±", "magenta"],
  remove: ["-", "red"],
  drift: ["!", "red"],
  noop: ["=", "dim"],
  resume: ["↻", "yellow"],
};

const KIND: Record<PlanStep["kind"], string> = { plain: "", create2: "CREATE2", uups: "uups proxy", transparent: "transparent proxy" };

function what(s: PlanStep, kindWidth: number): string {
  const at = s.recorded?.address ?? s.expectedAddress;
  const kind = kindWidth ? `${KIND[s.kind].padEnd(kindWidth)}  ` : "";
  return `${kind}${s.source}:${s.contractName}${at ? `  ${at}` : ""}`;
}

/**
 * A plan as a reviewer reads it, in `w3o plan`, apply's preview and the PR comment alike: one block
 * per network, one aligned line per contract (symbol, action, name, what/where), the reasons under
 * anything that is not a no-op, and the summary line. Pure: colours come in as a palette (none by
 * default); redacted with `secrets` and URL credentials (constructor arguments are the user's).
 */
export function renderPlan(plan: Plan, paint: Palette = plain, secrets: readonly string[] = []): string {
  const lines: string[] = [paint.bold(`Plan for ${plan.project} · environment ${plan.environment} · solc ${plan.compiler.version}`), ""];
  if (plan.compilerWarnings?.length) {
    lines.push(paint.yellow(`solc warnings (${plan.compilerWarnings.length}):`));
    for (const w of plan.compilerWarnings) lines.push(paint.yellow(`  ${formatCompileDiagnostic(w)}`));
    lines.push("");
  }
  const steps = plan.networks.flatMap((n) => n.steps);
  const nameWidth = Math.max(8, ...steps.map((s) => s.contract.length));
  const kindWidth = Math.max(0, ...steps.map((s) => KIND[s.kind].length));
  for (const net of plan.networks) {
    lines.push(paint.cyan(`${net.name} (chain ${net.chainId}, block ${net.blockNumber})`));
    if (net.foreignRecord) {
      lines.push(
        paint.red(`  ! ${net.foreignRecord.reason}`),
        paint.red(`    Nothing recorded is on this chain. To deploy it all anew here: ${net.foreignRecord.command}`),
      );
    }
    for (const s of net.steps) {
      const action = label(s);
      const [symbol, colour] = SYMBOL[action] ?? ["?", "bold"];
      const head = `  ${symbol} ${action.padEnd(7)} ${s.contract.padEnd(nameWidth)}  ${what(s, kindWidth)}`;
      lines.push(paint[colour](head));
      for (const p of s.problems ?? []) {
        const [first, ...more] = p.split("\n");
        lines.push(paint.red(`      ✖ ${first}`), ...more.map((l) => paint.red(`        ${l}`)));
      }
      for (const n of s.needsOwner ?? []) lines.push(paint.red(`      ✋ ${needsOwnerLine(n)}`));
      if (s.action === "noop") continue;
      if (s.interrupted) {
        lines.push(paint.yellow("      interrupted: sent, not recorded; the next apply settles it"));
        for (const o of s.interrupted) lines.push(paint.dim(`      ${opLine(o)}`));
        continue;
      }
      for (const r of s.reasons) lines.push(paint.dim(`      ${r}`));
    }
    lines.push("");
  }
  if (!plan.networks.length) lines.push(paint.dim("  (no contracts declared or recorded in this environment)"), "");
  for (const w of plan.workflows ?? []) lines.push(...workflowLines(w, paint), "");
  if (plan.interrupted) {
    const shown = new Set(steps.flatMap((s) => (s.interrupted ?? []).map((o) => o.op)));
    lines.push(...interruptedLines(plan.interrupted, shown).map((l) => paint.yellow(l)), "");
  }
  const line = summaryLine(plan.summary);
  const clean = !(plan.summary.drift || plan.summary.blocked || plan.summary.needsOwner || plan.interrupted);
  lines.push(paint.bold(clean ? line : paint.red(line)));
  const wf = workflowSummary(plan);
  if (wf) lines.push(paint.bold(wf));
  if (plan.summary.blocked) lines.push(paint.red("Apply will refuse this plan until the ✖ problems above are fixed."));
  if (plan.summary.needsOwner) lines.push(paint.red(`Apply will refuse the ✋ steps above. ${OWNER_HINT}`));
  return finish(lines, secrets);
}
