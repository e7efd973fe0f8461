import { generateKeyPairSync } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { API } from "./nockGitHub.js";

/** A fresh RSA key, as GitHub issues one per app: Probot signs its JWTs with it. */
export const privateKey = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export const INSTALLATION = 4242;
export const BOT = "w3o-test[bot]";

/** A Probot instance as in production, minus retries and pacing so each declared call happens once, at once. */
export function testProbot(key = privateKey()): Probot {
  return new Probot({
    appId: 1,
    privateKey: key,
    secret: "webhook-secret-for-tests",
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
}

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

export type Call = { method: string; path: string; body: unknown };

/** Records every request nock answers for GitHub, with its body: the conversation the tests assert. */
export function recordGitHub(): { calls: Call[]; github: nock.Scope } {
  const calls: Call[] = [];
  const scope = nock(API);
  // biome-ignore lint/suspicious/noExplicitAny: nock's request event is untyped
  (scope as any).on("request", (req: Request, _i: unknown, body: string) => {
    const url = new URL(req.url);
    calls.push({ method: req.method, path: decodeURIComponent(url.pathname + url.search), body: body ? JSON.parse(body) : undefined });
  });
  return { calls, github: scope };
}

export const fileContent = (text: string) => ({ type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") });
