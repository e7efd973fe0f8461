import { parse } from "yaml";
import { z } from "zod";
import { environment as environmentSchema, type Requirement } from "../../config/schema/network.js";
import { severities } from "../../config/schema/policy.js";
import { BaseError } from "../../errors/BaseError.js";
import type { GitHubClient } from "../client.js";
import type { RepoRef } from "../stickyComment.js";

const requirementsSchema = environmentSchema.shape.requires;

export const LOCK_MODES = ["on-plan", "on-apply"] as const;
export type LockMode = (typeof LOCK_MODES)[number];

export class RepoSettingsError extends BaseError {
  override name = "RepoSettingsError";
}

/** What a repo may set for the app, in `.github/w3o.yml` on its default branch (never read from a PR branch). */
export const repoSettingsSchema = z.strictObject({
  /** The infra repo's folder (holding w3o.yaml) inside the git repo; `.` for the root. */
  path: z.string().min(1).optional(),
  /** Findings at or above this severity fail the check run; overrides the repo's `policies.failOn`. */
  failOn: z.enum(severities).optional(),
  /** When the comment carries the chain recommendation. */
  recommend: z.enum(["changed", "always", "never"]).optional(),
  /**
   * Per environment: who may run the commands that change it (`apply`, `unlock`), on top of write permission,
   * and when a PR takes its lock.
   */
  environments: z
    .record(
      z.string(),
      z.strictObject({
        /** `on-plan` (default): a PR whose plan changes the environment holds it until it merges or closes; `on-apply`: from its `/w3o apply`. */
        lock: z.enum(LOCK_MODES).optional(),
        allow: z
          .strictObject({
            users: z.array(z.string().min(1)).optional(),
            /** Team slugs of the repo owner's organization, or `org/slug`. */
            teams: z.array(z.string().min(1)).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});
export type RepoSettings = z.infer<typeof repoSettingsSchema>;

/** The app's settings for one repo: the operator's environment first, the default branch's file on top. */
export type AppRepoSettings = {
  path: string;
  failOn?: RepoSettings["failOn"];
  recommend?: RepoSettings["recommend"];
  environments?: RepoSettings["environments"];
};

export const REPO_SETTINGS_FILE = ".github/w3o.yml";

type Contents = { type?: string; content?: string; encoding?: string };

/** A file's text at a ref, or undefined when it is not there (404). */
async function readText(gh: GitHubClient, ref: RepoRef, file: string, at: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...ref, path: file, ref: at });
    const c = data as Contents;
    if (Array.isArray(data) || c.type !== "file") return undefined;
    return Buffer.from(c.content ?? "", c.encoding === "base64" ? "base64" : "utf8").toString("utf8");
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

/**
 * Reads `.github/w3o.yml` at the default branch (one request) over the operator's defaults. A PR that edits
 * the file changes nothing until it is merged: settings decide what fails the check, so the PR cannot.
 */
export async function readRepoSettings(
  gh: GitHubClient,
  ref: RepoRef,
  defaultBranch: string,
  defaults: AppRepoSettings,
): Promise<AppRepoSettings> {
  const text = await readText(gh, ref, REPO_SETTINGS_FILE, defaultBranch);
  if (text === undefined) return defaults;
  const parsed = repoSettingsSchema.safeParse(safeYaml(text));
  if (!parsed.success) {
    throw new RepoSettingsError(`${REPO_SETTINGS_FILE} on ${defaultBranch} is not valid.`, {
      metaMessages: parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`),
      hint: `Allowed keys: path, failOn (${severities.join(", ")}), recommend (changed, always, never), environments.<name>.allow (users, teams), environments.<name>.lock (${LOCK_MODES.join(", ")}).`,
    });
  }
  return { ...defaults, ...parsed.data };
}

function safeYaml(text: string): unknown {
  try {
    return parse(text) ?? {};
  } catch (e) {
    return { "(yaml)": e instanceof Error ? e.message : String(e) };
  }
}

/** When a PR takes an environment's lock: the default branch's setting, `on-plan` unless it says otherwise. */
export const lockMode = (settings: AppRepoSettings, environment: string): LockMode =>
  settings.environments?.[environment]?.lock ?? "on-plan";

/** The infra repo's w3o.yaml path inside the git repo. */
export function configFile(settings: AppRepoSettings): string {
  const dir = settings.path.replace(/^\.?\/+|\/+$/g, "").replace(/^\.$/, "");
  return dir ? `${dir}/w3o.yaml` : "w3o.yaml";
}

/** Whether the commit has the infra repo's w3o.yaml: repos without one are not w3o's and are left alone. */
export async function hasInfraRepo(gh: GitHubClient, ref: RepoRef, settings: AppRepoSettings, sha: string): Promise<boolean> {
  return (await readText(gh, ref, configFile(settings), sha)) !== undefined;
}

/** What chat-ops needs of a commit's w3o.yaml: its project (the lock key's half), its environments and their `requires`. */
export type InfraRepoFacts = {
  project?: string;
  environments: string[];
  /** Per environment, what `/w3o apply` requires; "invalid" when the file's `requires` does not parse (refused, never ignored). */
  requires: Record<string, Requirement[] | "invalid">;
};

/**
 * The project and environment names of the commit's w3o.yaml (one read), or undefined when it has none.
 * Only those: a broken file gets its full diagnostics from the review, not from here.
 */
export async function infraRepoFacts(
  gh: GitHubClient,
  ref: RepoRef,
  settings: AppRepoSettings,
  sha: string,
): Promise<InfraRepoFacts | undefined> {
  const text = await readText(gh, ref, configFile(settings), sha);
  if (text === undefined) return undefined;
  const { environments: envs, project } = safeYaml(text) as { environments?: unknown; project?: unknown };
  const table = envs && typeof envs === "object" && !Array.isArray(envs) ? (envs as Record<string, unknown>) : {};
  const requires: InfraRepoFacts["requires"] = {};
  for (const [name, env] of Object.entries(table)) {
    const parsed = requirementsSchema.safeParse((env as { requires?: unknown } | null)?.requires);
    requires[name] = parsed.success ? parsed.data : "invalid";
  }
  return {
    ...(typeof project === "string" && project ? { project } : {}),
    environments: Object.keys(table),
    requires,
  };
}
