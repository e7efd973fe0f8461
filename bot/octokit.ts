import { ProbotOctokit } from "probot";

type Options = { auth?: unknown; baseUrl?: string } & Record<string, unknown>;
type Auth = { request?: { defaults(o: { baseUrl: string }): unknown } } & Record<string, unknown>;

/**
 * Probot's octokit, with its app authentication sent to the same API as everything else. Probot 14.3.2
 * gives the app-auth strategy its own `request` without the GHE base URL, so on GitHub Enterprise the
 * JWT and installation-token requests would go to api.github.com; this points them at `baseUrl`.
 */
export function enterpriseOctokit(baseUrl: string | undefined): typeof ProbotOctokit {
  if (!baseUrl) return ProbotOctokit;
  return ProbotOctokit.defaults((o: Options) => {
    const auth = o.auth as Auth | undefined;
    if (!auth || typeof auth !== "object" || !auth.request) return o;
    return { ...o, auth: { ...auth, request: auth.request.defaults({ baseUrl }) } };
  }) as typeof ProbotOctokit;
}
