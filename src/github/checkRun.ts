import type { Annotation } from "../report/annotations.js";
import type { GitHubClient } from "./client.js";
import { GitHubLimitError } from "./errors.js";
import { GITHUB_LIMITS } from "./limits.js";
import type { RepoRef } from "./stickyComment.js";

export type { Annotation, AnnotationLevel } from "../report/annotations.js";

export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled" | "action_required";

export type CheckOutput = { title: string; summary: string; text?: string; annotations?: Annotation[] };

export type CheckRunRef = { id: number; headSha: string };

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function toApi(a: Annotation) {
  // GitHub rejects columns on multi-line annotations.
  const oneLine = a.endLine === undefined || a.endLine === a.startLine;
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine ?? a.startLine,
    ...(oneLine && a.startColumn !== undefined ? { start_column: a.startColumn, end_column: a.endColumn ?? a.startColumn } : {}),
    annotation_level: a.level,
    ...(a.title ? { title: clip(a.title, GITHUB_LIMITS.title) } : {}),
    message: clip(a.message, GITHUB_LIMITS.annotationMessage),
  };
}

function checked(output: CheckOutput) {
  for (const [what, value] of [
    ["The check run summary", output.summary],
    ["The check run text", output.text ?? ""],
  ] as const) {
    if (value.length > GITHUB_LIMITS.checkRunText) throw new GitHubLimitError(what, value.length, GITHUB_LIMITS.checkRunText);
  }
  return { title: clip(output.title, GITHUB_LIMITS.title), summary: output.summary, ...(output.text ? { text: output.text } : {}) };
}

/** Opens the check run on the PR's head commit, in progress, so the PR shows w3o is working on it. */
export async function startCheckRun(
  gh: GitHubClient,
  ref: RepoRef,
  run: { name: string; headSha: string; externalId?: string; detailsUrl?: string; title?: string },
): Promise<CheckRunRef> {
  const res = await gh.rest.checks.create({
    ...ref,
    name: run.name,
    head_sha: run.headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    ...(run.externalId ? { external_id: run.externalId } : {}),
    ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
    output: { title: run.title ?? "w3o is reviewing this change", summary: "Validating, planning and auditing…" },
  });
  return { id: res.data.id, headSha: run.headSha };
}

/**
 * Completes the check run. GitHub takes at most 50 annotations per request and appends those of each
 * update, so any beyond the first 50 go in further updates before the one that sets the conclusion.
 */
export async function completeCheckRun(
  gh: GitHubClient,
  ref: RepoRef,
  run: CheckRunRef,
  result: { conclusion: CheckConclusion; output: CheckOutput },
): Promise<{ requests: number }> {
  const output = checked(result.output);
  const annotations = (result.output.annotations ?? []).map(toApi);
  const batches: (typeof annotations)[] = [];
  for (let i = 0; i < annotations.length; i += GITHUB_LIMITS.annotationsPerRequest) {
    batches.push(annotations.slice(i, i + GITHUB_LIMITS.annotationsPerRequest));
  }
  const last = batches.pop() ?? [];
  for (const batch of batches) {
    await gh.rest.checks.update({ ...ref, check_run_id: run.id, output: { ...output, annotations: batch } });
  }
  await gh.rest.checks.update({
    ...ref,
    check_run_id: run.id,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...output, ...(last.length ? { annotations: last } : {}) },
  });
  return { requests: batches.length + 1 };
}

/** A run that crashed still ends its check run, as failed with the short reason, never left in progress. */
export async function failCheckRun(gh: GitHubClient, ref: RepoRef, run: CheckRunRef, reason: string): Promise<void> {
  await completeCheckRun(gh, ref, run, {
    conclusion: "failure",
    output: { title: "w3o could not finish this review", summary: clip(reason, GITHUB_LIMITS.checkRunText) },
  });
}
