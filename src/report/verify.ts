import { interruptedLines } from "../state/interrupted.js";
import type { Check, VerifyReport } from "../verify/types.js";
import { finish, type Palette, plain } from "./text.js";

function checkLine(c: Check, paint: Palette): string {
  const mark = c.status === "ok" ? paint.green("✔") : c.status === "warn" ? paint.yellow("!") : paint.red("✖");
  return `${mark} ${c.check}: ${c.message}`;
}

/** What `w3o verify` prints: each network's checks, each contract's checks under it, an unfinished apply, the verdict. */
export function verifyText(report: VerifyReport, paint: Palette = plain, secrets: readonly string[] = []): string {
  const lines: string[] = [];
  for (const n of report.networks) {
    lines.push(`${paint.bold(n.network)} (${n.chain}${n.rpc ? `, ${n.rpc}` : ""})`);
    for (const c of n.checks) lines.push(`  ${checkLine(c, paint)}`);
    for (const k of n.contracts) {
      lines.push(`  ${k.name} ${paint.dim(k.address)}`);
      for (const c of k.checks) lines.push(`    ${checkLine(c, paint)}`);
    }
  }
  // The unrecorded transactions are listed under their network's checks already.
  const i = report.interrupted;
  if (i) lines.push(...interruptedLines(i, new Set(i.networks.flatMap((n) => n.ops.map((o) => o.op)))).map((l) => paint.yellow(l)));
  const env = report.environment;
  lines.push(report.ok ? `${paint.green("✔")} ${env} verified` : `${paint.red("✖")} ${env} failed verification`);
  return finish(lines, secrets);
}
