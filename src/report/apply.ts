import type { ApplyResult } from "../apply/index.js";
import { finish, type Palette, plain } from "./text.js";

/** What the user asked for that shapes the advice: the environment and the contracts already given to --redeploy. */
export type ApplyAsked = { env: string; redeploy: readonly string[] };

/**
 * What `w3o apply` prints once it is done: the records written with their addresses, what failed, what
 * was left alone and the command that does it, then one verdict line. A replace means a new address:
 * apply never does it unasked, and what it left alone is said, and is no success.
 */
export function applyResultText(result: ApplyResult, asked: ApplyAsked, paint: Palette = plain, secrets: readonly string[] = []): string {
  const lines: string[] = [];
  for (const n of result.networks) {
    lines.push("", `${paint.cyan(n.network)}: record written to ${n.recordFile}`);
    for (const [name, c] of Object.entries(n.record.contracts)) lines.push(`  ${name.padEnd(20)} ${c.address}`);
  }
  for (const f of result.failed) lines.push(`${paint.red("✖")} ${f}`);
  for (const net of result.plan.networks) if (net.foreignRecord) lines.push(`${paint.yellow("!")} ${net.foreignRecord.reason}`);
  const skipped = result.skipped;
  for (const s of skipped) lines.push(`${paint.yellow("!")} Not applied: ${s.contract} (${s.why})`);
  const replaces = [...new Set(skipped.filter((s) => s.action === "replace").map((s) => s.contract))].sort();
  if (replaces.length)
    lines.push(`  To do it: w3o apply --env ${asked.env} --redeploy ${[...new Set([...asked.redeploy, ...replaces])].join(",")}`);
  lines.push(
    result.failed.length
      ? paint.red("Apply finished with failures.")
      : skipped.length
        ? paint.yellow(`Apply incomplete: ${skipped.length} step${skipped.length === 1 ? "" : "s"} not applied.`)
        : paint.green("✔ Apply complete."),
  );
  return finish(lines, secrets);
}
