import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

/**
 * The octokit every face writes through: GitHub's REST API with retries on 5xx and network errors and
 * GitHub's recommended pacing (writes at most once a second, waits on primary and secondary rate limits).
 * Probot's own octokit carries the same two plugins, so the app and the Action behave alike.
 */
export const W3oOctokit = Octokit.plugin(retry, throttling);

/** What the adapter needs of an octokit: Probot's per-installation client and `W3oOctokit` both fit. */
export type GitHubClient = Pick<InstanceType<typeof Octokit>, "rest" | "paginate" | "hook">;

export type CreateOctokitOptions = {
  /** An installation token, `GITHUB_TOKEN` or a PAT. Never logged. */
  auth: string;
  /** `GITHUB_API_URL` on GitHub Enterprise Server; api.github.com otherwise. */
  baseUrl?: string;
  userAgent?: string;
  /** How often a rate-limited request is retried after the wait GitHub asks for. */
  rateLimitRetries?: number;
  /** Warnings from the plugins (rate limits hit, retries); secrets never appear in them. */
  onWarning?: (message: string) => void;
};

export function createOctokit(opts: CreateOctokitOptions): InstanceType<typeof W3oOctokit> {
  const retries = opts.rateLimitRetries ?? 2;
  const warn = opts.onWarning ?? (() => {});
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
    warn(
      `GitHub ${kind} rate limit on ${options.method} ${options.url}; ${retryCount < retries ? `retrying in ${retryAfter} s` : "giving up"}`,
    );
    return retryCount < retries;
  };
  return new W3oOctokit({
    auth: opts.auth,
    baseUrl: opts.baseUrl?.replace(/\/+$/, "") || undefined,
    userAgent: opts.userAgent ?? "web3-orchestrator",
    throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
    log: { debug: () => {}, info: () => {}, warn, error: warn },
  });
}
