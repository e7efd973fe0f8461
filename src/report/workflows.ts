import { Interface, type ParamType } from "ethers";
import type { Plan } from "../plan/types.js";
import { tokens } from "../workflows/common.js";
import { formatValue, type PlannedWorkflow } from "../workflows/plan.js";
import type { WorkflowValue } from "../workflows/types.js";
import type { Palette } from "./text.js";

/**
 * Every transaction a workflow sends, in order, as a reviewer checks it: what it deploys or calls,
 * each argument by its ABI name, and the balances it leaves where they can be known (a token this
 * workflow deploys starts with the whole supply at the sender). Shared by `w3o plan` and the PR report.
 */
export function workflowLines(w: PlannedWorkflow, paint: Palette): string[] {
  const head = `workflow ${w.name} (${w.kind}) on ${w.network}, from ${w.from.account}${w.from.address ? ` ${w.from.address}` : ""}`;
  if (w.notRun) return [paint.cyan(head), paint.dim(`  ${w.notRun}`)];
  const lines = [paint.cyan(head)];
  const labels = Object.fromEntries(w.txs.map((t) => [t.id, t.kind === "deploy" ? t.label : t.id]));
  const show = (v: WorkflowValue) => formatValue(v, labels);
  const balances = balanceBook(w, show);
  for (const [n, tx] of w.txs.entries()) {
    const done = tx.status === "done";
    const mark =
      tx.status === "changed" ? paint.red("✖") : done ? paint.dim("=") : tx.kind === "deploy" ? paint.green("+") : paint.yellow("→");
    const num = String(n + 1).padStart(String(w.txs.length).length);
    const suffix = done ? paint.dim(`  (sent ${tx.recorded?.txHash}${tx.recorded?.address ? `, at ${tx.recorded.address}` : ""})`) : "";
    if (tx.kind === "deploy") {
      lines.push(`  ${num} ${mark} deploy ${tx.label}  ${tx.source}:${tx.contract}${suffix}`);
      if (!done) lines.push(paint.dim(`        constructor(${tx.args.map(show).join(", ")})`));
    } else {
      const fn = Interface.from([tx.signature]).fragments[0] as unknown as { name: string; inputs: readonly ParamType[] };
      const args = tx.args.map((a, i) => `${fn.inputs[i]?.name || `arg${i}`}: ${show(a)}`).join(", ");
      lines.push(`  ${num} ${mark} call   ${tx.targetLabel}.${fn.name}(${args})${suffix}`);
      if (!done) for (const l of balances.after(tx.id)) lines.push(paint.dim(`        ${l}`));
    }
    if (!done) lines.push(paint.dim(`        ${tx.summary}`));
  }
  for (const p of w.problems ?? []) lines.push(paint.red(`  ✖ ${p}`));
  return lines;
}

/** Running balances of a token the workflow deploys (all of it at the sender first); deltas only for a token deployed elsewhere. */
function balanceBook(w: PlannedWorkflow, show: (v: WorkflowValue) => string) {
  const deploy = w.txs.find((t) => t.id === "token" && t.kind === "deploy");
  const supply = deploy?.kind === "deploy" && typeof deploy.args[2] === "string" ? BigInt(deploy.args[2]) : undefined;
  const token = deploy?.kind === "deploy" ? deploy.label : undefined;
  const held = new Map<string, bigint>();
  const sender = w.from.address ?? w.from.account;
  if (supply !== undefined) held.set(sender, supply);
  return {
    after(id: string): string[] {
      const tx = w.txs.find((t) => t.id === id);
      if (tx?.kind !== "call" || !tx.effects?.length) return [];
      return tx.effects.map((e) => {
        const who = show(e.holder);
        const delta = BigInt(e.delta);
        if (supply === undefined || e.token !== token) return `${e.token}: ${who} +${tokens(delta)}`;
        held.set(who, (held.get(who) ?? 0n) + delta);
        held.set(sender, (held.get(sender) ?? 0n) - delta);
        return `${e.token}: ${who} → ${tokens(held.get(who) ?? 0n)}, ${w.from.account} → ${tokens(held.get(sender) ?? 0n)}`;
      });
    },
  };
}

/** "Workflows: 12 transactions to send, 3 already sent", or undefined without workflows. */
export function workflowSummary(plan: Plan): string | undefined {
  const all = (plan.workflows ?? []).flatMap((w) => w.txs);
  if (!plan.workflows?.length) return undefined;
  const send = all.filter((t) => t.status === "send").length;
  const done = all.filter((t) => t.status === "done").length;
  const changed = all.filter((t) => t.status === "changed").length;
  return `Workflows: ${send} transaction${send === 1 ? "" : "s"} to send, ${done} already sent${changed ? `, ${changed} changed since sent (refused)` : ""}`;
}
