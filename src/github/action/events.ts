import { readFile } from "node:fs/promises";
import { z } from "zod";

/** The repository every event payload carries. */
const repository = z.object({ name: z.string(), owner: z.object({ login: z.string() }), default_branch: z.string().optional() });

/** What the Action reads of a `pull_request` webhook payload (GitHub writes it to `GITHUB_EVENT_PATH`). */
const pullRequestEvent = z.object({
  action: z.string().optional(),
  pull_request: z.object({
    number: z.number().int(),
    head: z.object({ sha: z.string(), ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ sha: z.string(), ref: z.string(), repo: z.object({ full_name: z.string() }) }),
  }),
  repository,
});

const mergeGroupEvent = z.object({
  action: z.string(),
  merge_group: z.object({ head_sha: z.string(), head_ref: z.string(), base_sha: z.string(), base_ref: z.string() }),
  repository,
});

const issueCommentEvent = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int(), pull_request: z.object({}).passthrough().nullish() }),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullish(),
    user: z.object({ login: z.string(), type: z.string() }).nullable(),
  }),
  repository,
});

export type RepoFacts = { owner: string; repo: string; defaultBranch: string };

export type PullRequestEvent = RepoFacts & {
  number: number;
  headSha: string;
  baseSha: string;
  /** The head branch is another repository's: the workflow gets no secrets, the plan reads no live state. */
  fork: boolean;
};

export type MergeGroupEvent = RepoFacts & { action: string; headSha: string; baseSha: string; baseRef: string };

export type IssueCommentEvent = RepoFacts & {
  action: string;
  commentId: number;
  body: string;
  author: { login: string; type: string };
  issueNumber: number;
  isPull: boolean;
};

/** The events the Action reviews as pull requests. */
export const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"] as const;

const repoFacts = (r: z.infer<typeof repository>): RepoFacts => ({
  owner: r.owner.login,
  repo: r.name,
  defaultBranch: r.default_branch ?? "main",
});

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, "utf8"));

/** The PR facts from the event file. A deleted head repository counts as a fork: its code is not ours to trust. */
export async function readPullRequestEvent(file: string): Promise<PullRequestEvent> {
  const data = pullRequestEvent.parse(await readJson(file));
  const pr = data.pull_request;
  return {
    ...repoFacts(data.repository),
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    fork: pr.head.repo?.full_name !== pr.base.repo.full_name,
  };
}

export async function readMergeGroupEvent(file: string): Promise<MergeGroupEvent> {
  const data = mergeGroupEvent.parse(await readJson(file));
  const g = data.merge_group;
  return { ...repoFacts(data.repository), action: data.action, headSha: g.head_sha, baseSha: g.base_sha, baseRef: g.base_ref };
}

export async function readIssueCommentEvent(file: string): Promise<IssueCommentEvent> {
  const data = issueCommentEvent.parse(await readJson(file));
  return {
    ...repoFacts(data.repository),
    action: data.action,
    commentId: data.comment.id,
    body: data.comment.body ?? "",
    // A comment by a deleted account: treated as a bot's, never a command.
    author: { login: data.comment.user?.login ?? "", type: data.comment.user?.type ?? "Bot" },
    issueNumber: data.issue.number,
    isPull: Boolean(data.issue.pull_request),
  };
}
