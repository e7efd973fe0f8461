import examples from "@octokit/webhooks-examples";

export const INSTALLATION = 4242;
export const BOT = "w3o-test[bot]";

type Example = { name: string; examples: Record<string, unknown>[] };
function example(name: string, action: string): Record<string, unknown> {
  const found = (examples as unknown as Example[]).find((e) => e.name === name)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no webhooks example ${name}.${action}`);
  return structuredClone(found);
}

const repository = (p: Record<string, unknown>) => ({
  ...(p.repository as object),
  name: "infra",
  full_name: "acme/infra",
  default_branch: "main",
  owner: { ...((p.repository as { owner: object }).owner ?? {}), login: "acme" },
});

/** GitHub's own example of a pull_request event, moved to acme/infra #7 at the given commits. */
export function pullPayload(action: string, head: string, base: string, opts: { fork?: boolean } = {}): Record<string, unknown> {
  const p = example("pull_request", action) as Record<string, unknown> & { pull_request: Record<string, unknown> };
  const repo = repository(p);
  const pr = p.pull_request as { head: Record<string, unknown>; base: Record<string, unknown> };
  return {
    ...p,
    number: 7,
    repository: repo,
    installation: { id: INSTALLATION, node_id: "x" },
    pull_request: {
      ...p.pull_request,
      number: 7,
      draft: false,
      head: { ...pr.head, sha: head, ref: "feat", repo: opts.fork ? { ...repo, full_name: "outsider/infra" } : repo },
      base: { ...pr.base, sha: base, ref: "main", repo },
    },
  };
}

export function rerequestedPayload(head: string, base: string, slug: string): Record<string, unknown> {
  const p = example("check_run", "rerequested") as { check_run: Record<string, unknown> };
  const repo = repository(p);
  return {
    ...p,
    repository: repo,
    installation: { id: INSTALLATION, node_id: "x" },
    check_run: {
      ...p.check_run,
      name: "w3o",
      head_sha: head,
      app: { ...(p.check_run.app as object), slug },
      pull_requests: [{ number: 7, head: { sha: head, ref: "feat" }, base: { sha: base, ref: "main" } }],
    },
  };
}

/** GitHub's own example of an issue_comment event, moved onto PR acme/infra #7 with the given text and author. */
export function commentPayload(
  action: "created" | "edited",
  body: string,
  opts: { login?: string; type?: "User" | "Bot"; id?: number; onIssue?: boolean } = {},
): Record<string, unknown> {
  const p = example("issue_comment", action) as { issue: Record<string, unknown>; comment: Record<string, unknown> };
  const repo = repository(p);
  const user = { ...(p.comment.user as object), login: opts.login ?? "alice", type: opts.type ?? "User" };
  return {
    ...p,
    repository: repo,
    installation: { id: INSTALLATION, node_id: "x" },
    issue: {
      ...p.issue,
      number: 7,
      ...(opts.onIssue ? {} : { pull_request: { url: "https://api.github.com/repos/acme/infra/pulls/7" } }),
    },
    comment: { ...p.comment, id: opts.id ?? 9001, body, user },
    sender: user,
  };
}
