import type { ApplyResult } from "../apply/index.js";
import { redact } from "../errors/redact.js";
import { cell, code, details, escapeHtml, fitLines, plural } from "./markdown.js";
import { COMMENT_LIMIT } from "./render.js";

/** The facts of one apply a PR comment tells, as plain data: what `applyResultText` prints, without the plan. */
export type ApplyOutcome = {
  environment: string;
  networks: { network: string; recordFile: string; contracts: { name: string; address: string }[] }[];
  failed: string[];
  notApplied: { contract: string; action: "replace" | "drift"; why: string }[];
  /** Records of another chain history, said as `applyResultText` says them. */
  warnings: string[];
};

export function applyOutcome(result: ApplyResult, environment: string): ApplyOutcome {
  return {
    environment,
    networks: result.networks.map((n) => ({
      network: n.network,
      recordFile: n.recordFile,
      contracts: Object.entries(n.record.contracts).map(([name, c]) => ({ name, address: c.address })),
    })),
    failed: result.failed,
    notApplied: result.skipped.map(({ contract, action, why }) => ({ contract, action, why })),
    warnings: result.plan.networks.flatMap((n) => (n.foreignRecord ? [n.foreignRecord.reason] : [])),
  };
}

export type ApplyCommentOptions = {
  /** The check run or workflow run with the full log. */
  logUrl?: string;
  /** The merge commit applied. */
  sha?: string;
  secrets?: readonly string[];
  /** Characters the comment may take; GitHub's limit less room for the adapter's marker by default. */
  budget?: number;
};

function verdictLine(o: ApplyOutcome): string {
  const env = code(o.environment);
  if (o.failed.length) return `### ❌ Apply of ${env} finished with failures`;
  if (o.notApplied.length) return `### ⚠️ Apply of ${env} incomplete: ${plural(o.notApplied.length, "step")} not applied`;
  return `### ✅ Apply of ${env} complete`;
}

function addressRows(n: ApplyOutcome["networks"][number]): string[] {
  return n.contracts.map((c) => `| ${cell(c.name)} | ${code(c.address)} |`);
}

/**
 * The PR comment after a merge-triggered apply: the verdict first, then what failed and what was left
 * alone (each bounded), then the addresses per network in folded blocks. Over the budget, the address
 * tables give way first, then the step lists are cut with a count; the verdict and the log link always stay.
 */
export function applyResultComment(o: ApplyOutcome, opts: ApplyCommentOptions = {}): string {
  const budget = opts.budget ?? COMMENT_LIMIT - 200;
  const head = [verdictLine(o)];
  if (opts.sha) head.push("", `Commit ${code(opts.sha)}`);
  const tail = opts.logUrl ? ["", `[The full log](${opts.logUrl})`] : [];
  const fixed = head.join("\n").length + tail.join("\n").length + 4;
  // Steps that went wrong matter more than addresses that went right: they get up to half the room.
  const stepBudget = Math.max(0, Math.floor((budget - fixed) / 2));
  const steps: string[] = [];
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    const room = Math.max(0, Math.floor(stepBudget / 3) - title.length - 2);
    steps.push("", `**${title}**`, ...fitLines(items, room, (n) => `- … and ${plural(n, "more", "more")}: see the log`));
  };
  list(
    "Failed",
    o.failed.map((f) => `- ✖ ${escapeHtml(f)}`),
  );
  list(
    "Not applied",
    o.notApplied.map((s) => `- ${code(s.contract)} (${s.action}): ${escapeHtml(s.why)}`),
  );
  list(
    "Warnings",
    o.warnings.map((w) => `- ${escapeHtml(w)}`),
  );
  const left = budget - fixed - steps.join("\n").length;
  const blocks: string[] = [];
  let used = 0;
  for (const [i, n] of o.networks.entries()) {
    const full = [
      "",
      ...details(`${n.network}: ${plural(n.contracts.length, "contract")}, record ${n.recordFile}`, [
        "| contract | address |",
        "| --- | --- |",
        ...addressRows(n),
      ]),
    ];
    const short = ["", `- **${escapeHtml(n.network)}**: ${plural(n.contracts.length, "contract")} in ${code(n.recordFile)}`];
    const rest = o.networks.length - i - 1;
    const reserve = rest * 200;
    const pick = used + full.join("\n").length + reserve <= left ? full : short;
    if (used + pick.join("\n").length + 1 > left) {
      blocks.push("", `… and ${plural(o.networks.length - i, "more network")}: see the records in the repository`);
      break;
    }
    blocks.push(...pick);
    used += pick.join("\n").length + 1;
  }
  return redact([...head, ...steps, ...blocks, ...tail].join("\n"), opts.secrets ?? []);
}
