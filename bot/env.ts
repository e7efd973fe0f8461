import path from "node:path";
import { severities } from "../src/config/schema/policy.js";
import type { AppRepoSettings } from "../src/github/app/settings.js";
import { isPostgresUrl } from "../src/state/open.js";

type Env = Record<string, string | undefined>;

/** What the app takes from its own environment (docs/github-app.md lists each variable). */
export type BotOptions = {
  /** Defaults for every repo; a repo's `.github/w3o.yml` on its default branch goes on top. */
  defaults: AppRepoSettings;
  /** `owner/repo` or `owner/*`; empty means every repo the app is installed on. */
  repos: string[];
  /** Variables handed to the engine (RPC URLs, signer keys), by name, from this environment. */
  vars: Record<string, string | undefined>;
  /** Every secret value the app holds: redacted from all it sends. */
  secrets: string[];
  /** The SQLite file of the state (deliveries, leases) when no `stateUrl` is given. */
  statePath: string;
  /** A PostgreSQL URL: the state several replicas share, used instead of `statePath`. */
  stateUrl?: string;
  workspaceDir: string;
  /** Where repos are cloned from: https://github.com, the GHE host, or a local folder in tests. */
  gitUrl: string;
  /** Overrides `<app-slug>[bot]` read from GET /app. */
  botLogin?: string;
  /** What starts a chat-ops command in a PR comment (default `/w3o`). */
  commandPrefix?: string;
};

const list = (v: string | undefined) =>
  (v ?? "")
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function botOptionsFromEnv(env: Env, cwd = process.cwd()): BotOptions {
  const failOn = env.W3O_FAIL_ON;
  if (failOn && !(severities as readonly string[]).includes(failOn)) {
    throw new Error(`W3O_FAIL_ON must be one of ${severities.join(", ")}; got "${failOn}".`);
  }
  const stateUrl = env.W3O_STATE_URL?.trim();
  // Fail at start, not at the first webhook: a typo here would otherwise quietly mean SQLite per replica.
  if (stateUrl && !isPostgresUrl(stateUrl)) {
    throw new Error("W3O_STATE_URL must be a postgres:// or postgresql:// URL; for a SQLite file set W3O_STATE_DB.");
  }
  const names = list(env.W3O_VARS);
  const vars = Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
  const secrets = [
    ...Object.values(vars),
    env.WEBHOOK_SECRET,
    env.PRIVATE_KEY,
    stateUrl,
    ...list(env.W3O_SECRETS).map((n) => env[n]),
  ].filter((v): v is string => typeof v === "string" && v.length >= 8);
  const ghe = env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}` : "https://github.com";
  return {
    defaults: {
      path: env.W3O_CONFIG_PATH || ".",
      ...(failOn ? { failOn: failOn as AppRepoSettings["failOn"] } : {}),
    },
    repos: list(env.W3O_REPOS),
    vars,
    secrets,
    statePath: path.resolve(cwd, env.W3O_STATE_DB || ".w3o/bot-state.db"),
    ...(stateUrl ? { stateUrl } : {}),
    workspaceDir: path.resolve(cwd, env.W3O_WORKSPACE_DIR || ".w3o/bot-workspace"),
    gitUrl: env.W3O_GIT_URL || ghe,
    ...(env.W3O_BOT_LOGIN ? { botLogin: env.W3O_BOT_LOGIN } : {}),
    ...(env.W3O_COMMAND_PREFIX?.trim() ? { commandPrefix: env.W3O_COMMAND_PREFIX.trim() } : {}),
  };
}

/** Whether the operator lets the app review this repo. */
export function allowed(repos: readonly string[], fullName: string): boolean {
  if (repos.length === 0) return true;
  const [owner] = fullName.split("/");
  return repos.some((r) => r.toLowerCase() === fullName.toLowerCase() || r.toLowerCase() === `${owner}/*`.toLowerCase());
}
