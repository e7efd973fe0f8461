import { redact } from "../errors/redact.js";
import { type Annotation, annotations } from "./annotations.js";
import { fitSections } from "./fit.js";
import { CHECK_TEXT_LIMIT, COMMENT_LIMIT } from "./limits.js";
import { fenced, fitLines, plural } from "./markdown.js";
import { renderPlan } from "./plan.js";
import { CLI_COMMANDS, type NextCommands, type Section } from "./section.js";
import { SECTIONS } from "./sections/index.js";
import { diffColoured } from "./sections/plans.js";
import type { PrReport, Verdict } from "./types.js";
import { verdict } from "./verdict.js";

export { CHECK_TEXT_LIMIT, COMMENT_LIMIT };

/** Room kept for the adapter's hidden marker line. */
const MARKER_ROOM = 200;

export type RenderOptions = {
  sections?: readonly Section[];
  commands?: NextCommands;
  checkRunName?: string;
  /** Secret values known to the run (signer keys, env values): redacted from every text, with URL credentials. */
  secrets?: readonly string[];
};

export type RenderedReport = {
  verdict: Verdict;
  comment: string;
  /** Sections shortened to fit the comment, by id. */
  folded: string[];
  check: { title: string; summary: string; text: string; annotations: Annotation[] };
  jobSummary: string;
  json: string;
};

function pointerFor(r: PrReport, checkRunName: string): string {
  const where = r.links?.checkRun ? `[the ${checkRunName} check run](${r.links.checkRun})` : `the **${checkRunName}** check run`;
  const report = r.links?.report ? ` and [the full report](${r.links.report})` : "";
  return `> Shortened to fit GitHub's comment limit: ${where}${report} have everything.`;
}

function fullText(r: PrReport): string {
  const blocks = r.environments.filter((e) => e.plan).map((e) => diffColoured(renderPlan(e.plan!).trimEnd()));
  const text = blocks.join("\n\n");
  if (!text) return "";
  const fits = text.length <= CHECK_TEXT_LIMIT - 100;
  const body = fits
    ? text
    : fitLines(text.split("\n"), CHECK_TEXT_LIMIT - 200, (n) => `… ${plural(n, "more line")}: see the JSON report`).join("\n");
  return fenced(body, "diff").join("\n");
}

/**
 * The one report of a PR run, for every destination: the sticky comment, the check run (title, summary,
 * text, annotations), the Actions job summary and the JSON report. Pure; every text is redacted here.
 */
export function renderReport(input: PrReport, opts: RenderOptions = {}): RenderedReport {
  const clean = (s: string) => redact(s, opts.secrets ?? []);
  const ctx = { commands: opts.commands ?? CLI_COMMANDS, checkRunName: opts.checkRunName ?? "w3o" };
  const sections = opts.sections ?? SECTIONS;
  const v = verdict(input);
  const comment = fitSections(input, sections, ctx, COMMENT_LIMIT - MARKER_ROOM, pointerFor(input, ctx.checkRunName));
  const summary = fitSections(input, sections, ctx, CHECK_TEXT_LIMIT, "> Shortened: the plan below and the JSON report have everything.");
  const title = v.conclusion === "success" ? "Ready to merge" : v.reasons.join(" · ");
  return {
    verdict: v,
    comment: clean(comment.text),
    folded: comment.folded,
    check: {
      title: clean(title.length > 255 ? `${title.slice(0, 254)}…` : title),
      summary: clean(summary.text),
      text: clean(fullText(input)),
      annotations: annotations(input).map((a) => ({ ...a, message: clean(a.message), ...(a.title ? { title: clean(a.title) } : {}) })),
    },
    jobSummary: clean(summary.text),
    json: clean(JSON.stringify({ version: 1, verdict: v, report: input }, null, 2)),
  };
}
