import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { API } from "./nockGitHub.js";

/** A fresh RSA key, as GitHub issues one per app: Probot signs its JWTs with it. */
export const privateKey = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export { BOT, commentPayload, INSTALLATION, pullPayload, rerequestedPayload } from "./webhookPayloads.js";

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
