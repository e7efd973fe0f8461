import { readFile } from "node:fs/promises";
import { z } from "zod";

/** What the Action reads of a `pull_request` webhook payload (GitHub writes it to `GITHUB_EVENT_PATH`). */
const pullRequestEvent = z.object({
  action: z.string().optional(),
  pull_request: z.object({
    number: z.number().int(),
    head: z.object({ sha: z.string(), ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ sha: z.string(), ref: z.string(), repo: z.object({ full_name: z.string() }) }),
  }),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
});

export type PullRequestEvent = {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** The head branch is another repository's: the workflow gets no secrets, the plan reads no live state. */
  fork: boolean;
};

/** The events the Action reviews; any other event is told so, and the step still succeeds. */
export const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"] as const;

/** The PR facts from the event file. A deleted head repository counts as a fork: its code is not ours to trust. */
export async function readPullRequestEvent(file: string): Promise<PullRequestEvent> {
  const data = pullRequestEvent.parse(JSON.parse(await readFile(file, "utf8")));
  const pr = data.pull_request;
  return {
    owner: data.repository.owner.login,
    repo: data.repository.name,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    fork: pr.head.repo?.full_name !== pr.base.repo.full_name,
  };
}
