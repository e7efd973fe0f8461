import path from "node:path";
import { simpleGit } from "simple-git";
import { parse } from "yaml";
import { reviewPullRequest } from "../../review/index.js";
import type { StateStore } from "../../state/store.js";
import { failCheckRun, startCheckRun } from "../checkRun.js";
import type { GitHubClient } from "../client.js";
import { reviewLocks } from "../locks.js";
import { type PrReviewResult, reviewPullRequestOnGitHub } from "../prReview.js";
import { changedFiles } from "../pullRequest.js";
import type { RepoRef } from "../stickyComment.js";
import type { Workspace } from "../workspace.js";
import { type AppRepoSettings, configFile, hasInfraRepo, RepoSettingsError, readRepoSettings } from "./settings.js";

export type AppPull = {
  number: number;
  headSha: string;
  baseSha: string;
  fromFork: boolean;
  /** The PR's author, named in the locks it takes; absent when the event does not carry it (a re-run check). */
  author?: string;
};

export type AppReviewInput = {
  gh: GitHubClient;
  ref: RepoRef;
  defaultBranch: string;
  pull: AppPull;
  /** The installation token, for the clone only. */
  token: string;
  /** `<app-slug>[bot]`: the sticky comment is found again by it. */
  author: string;
  workspace: Workspace;
  /** The operator's defaults; the default branch's `.github/w3o.yml` goes on top. */
  defaults: AppRepoSettings;
  /** RPC URLs and keys from the app's environment; a fork's PR gets none. */
  vars: Record<string, string | undefined>;
  /** Every secret value the app holds, redacted from all it writes. */
  secrets: readonly string[];
  /** Plan these environments instead of those the PR touches (`/w3o plan ENV`). */
  environments?: readonly string[];
  /** Where the PR locks live (the app's state store); without one, the review takes no lock. */
  locks?: StateStore;
};

export type AppReviewResult = { outcome: "not-w3o" } | { outcome: "bad-settings"; reason: string } | PrReviewResult;

/**
 * One PR review as the app runs it: settings from the default branch, a repo without w3o.yaml left alone,
 * the head checked out in its own worktree of the cached clone, then the shared PR flow.
 * Calls: settings read, w3o.yaml read, PR files, then reviewPullRequestOnGitHub's five.
 */
export async function reviewPullForApp(input: AppReviewInput): Promise<AppReviewResult> {
  const { gh, ref, pull } = input;
  let settings: AppRepoSettings;
  try {
    settings = await readRepoSettings(gh, ref, input.defaultBranch, input.defaults);
  } catch (e) {
    if (!(e instanceof RepoSettingsError)) throw e;
    // A broken settings file is the repo owner's to fix: say so on the PR's check rather than stay silent.
    const check = await startCheckRun(gh, ref, { name: "w3o", headSha: pull.headSha, externalId: `pr-${pull.number}` });
    await failCheckRun(gh, ref, check, e.message);
    return { outcome: "bad-settings", reason: e.message };
  }
  if (!(await hasInfraRepo(gh, ref, settings, pull.headSha))) return { outcome: "not-w3o" };
  return reviewPullWithSettings(input, settings);
}

/** The review once the settings are read and the head is known to hold w3o.yaml: PR files, then the PR flow. */
export async function reviewPullWithSettings(input: AppReviewInput, settings: AppRepoSettings): Promise<PrReviewResult> {
  const { gh, ref, pull } = input;
  const files = await changedFiles(gh, ref, pull.number);
  const vars = pull.fromFork ? {} : input.vars;
  return reviewPullRequestOnGitHub({
    gh,
    ref,
    pull: { number: pull.number, headSha: pull.headSha },
    author: input.author,
    render: { secrets: input.secrets },
    review: () =>
      input.workspace.withCheckout({ ...ref, token: input.token, headSha: pull.headSha, baseSha: pull.baseSha }, async (dir) => {
        const report = await reviewPullRequest({
          dir: path.join(dir, settings.path),
          base: pull.baseSha,
          changedFiles: files,
          vars,
          fork: pull.fromFork,
          ...(input.environments ? { environments: input.environments } : {}),
          ...(settings.failOn ? { failOn: settings.failOn } : {}),
          ...(settings.recommend ? { recommend: settings.recommend } : {}),
        });
        if (!input.locks) return report;
        const project =
          (await projectAt(dir, pull.baseSha, configFile(settings))) ?? report.environments.find((e) => e.plan)?.plan?.project;
        if (!project) return report;
        const locks = await reviewLocks(report, {
          store: input.locks,
          repo: `${ref.owner}/${ref.repo}`,
          project,
          pull: { number: pull.number, headSha: pull.headSha, ...(pull.author ? { author: pull.author } : {}) },
          settings,
          // A fork's PR is never applied, so it never reserves an environment (nor can an outsider block one).
          takes: !pull.fromFork,
        });
        return locks ? { ...report, locks } : report;
      }),
  });
}

/**
 * The project the base commit's w3o.yaml names, read from the checkout (no API call): the lock key, so a PR
 * renaming its project cannot step around another PR's lock. Undefined for a base without one (a new repo).
 */
async function projectAt(dir: string, sha: string, file: string): Promise<string | undefined> {
  const text = await simpleGit(dir)
    .show([`${sha}:${file}`])
    .catch(() => undefined);
  const project = text === undefined ? undefined : (parse(text) as { project?: unknown } | null)?.project;
  return typeof project === "string" && project ? project : undefined;
}
