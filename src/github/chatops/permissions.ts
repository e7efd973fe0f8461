import type { AppRepoSettings } from "../app/settings.js";
import type { GitHubClient } from "../client.js";
import type { RepoRef } from "../stickyComment.js";
import { CHANGING, type Command, commandEnv, commandText } from "./parse.js";

export type Decision = { allowed: true } | { allowed: false; reason: string };

export type MayRunInput = {
  gh: GitHubClient;
  ref: RepoRef;
  /** The login of the comment's author. */
  user: string;
  command: Command;
  /** Read at the DEFAULT branch: a PR branch can never widen who may change an environment. */
  settings: AppRepoSettings;
  /** The default branch's name, said in refusals so the reader knows which file to change. */
  defaultBranch: string;
  fromFork: boolean;
};

/** Repository roles that may change an environment: GitHub's `permission` maps maintain to write. */
const WRITERS = new Set(["admin", "maintain", "write"]);

const ROLES = new Set([...WRITERS, "triage", "read", "none"]);

const status = (e: unknown) => (e as { status?: number }).status;

async function repoPermission(gh: GitHubClient, ref: RepoRef, user: string): Promise<string> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...ref, username: user });
    // role_name tells maintain from write and triage from read; a custom role counts as its base permission.
    return data.role_name && ROLES.has(data.role_name) ? data.role_name : data.permission;
  } catch (e) {
    if (status(e) === 404) return "none";
    throw e;
  }
}

/** `slug` is a team of the repo owner's organization; `org/slug` names another organization's team. */
function team(owner: string, name: string): { org: string; slug: string } {
  const [org, slug] = name.includes("/") ? name.split("/", 2) : [owner, name];
  return { org: org ?? owner, slug: slug ?? name };
}

/** Whether the user is an active member of the team; a team the app may not read is a refusal, not a guess. */
async function inTeam(gh: GitHubClient, t: { org: string; slug: string }, user: string): Promise<boolean | "unreadable"> {
  try {
    const { data } = await gh.rest.teams.getMembershipForUserInOrg({ org: t.org, team_slug: t.slug, username: user });
    return data.state === "active";
  } catch (e) {
    if (status(e) === 404) return false;
    if (status(e) === 403) return "unreadable";
    throw e;
  }
}

/**
 * Who may run a command. Read-only commands are open to anyone who can comment (a fork's PR is planned
 * without secrets elsewhere). `apply` and `unlock` need write, maintain or admin on the repo, and — when the
 * environment has an allow-list in the default branch's `.github/w3o.yml` — to be on it, by login or team.
 * A fork's PR is never applied. Calls: none for read-only commands; the permission read, then one membership
 * read per listed team until one matches.
 */
export async function mayRun(input: MayRunInput): Promise<Decision> {
  const { gh, ref, user, command } = input;
  if (!CHANGING.has(command.name)) return { allowed: true };
  const what = `\`${commandText(command)}\``;
  if (input.fromFork && command.name === "apply") {
    return {
      allowed: false,
      reason: `A pull request from a fork is never applied: merge it, or push the branch to this repository, to ${what}.`,
    };
  }
  const level = await repoPermission(gh, ref, user);
  if (!WRITERS.has(level)) {
    return {
      allowed: false,
      reason: `${what} needs write, maintain or admin permission on ${ref.owner}/${ref.repo}; @${user} has ${level}. A maintainer can run it, or grant the permission.`,
    };
  }
  const env = commandEnv(command);
  const allow = env ? input.settings.environments?.[env]?.allow : undefined;
  const users = allow?.users ?? [];
  const teams = allow?.teams ?? [];
  if (users.length === 0 && teams.length === 0) return { allowed: true };
  if (users.some((u) => u.toLowerCase() === user.toLowerCase())) return { allowed: true };
  const unreadable: string[] = [];
  for (const name of teams) {
    const t = team(ref.owner, name);
    const member = await inTeam(gh, t, user);
    if (member === true) return { allowed: true };
    if (member === "unreadable") unreadable.push(`${t.org}/${t.slug}`);
  }
  const list = [...users.map((u) => `@${u}`), ...teams.map((t) => `team ${t}`)].join(", ");
  const unread = unreadable.length
    ? ` The app could not read the membership of ${unreadable.join(", ")} (it needs the organization's members: read permission).`
    : "";
  return {
    allowed: false,
    reason: `${what} is limited to ${env}'s allow-list in \`.github/w3o.yml\` on ${input.defaultBranch}: ${list}. @${user} is not on it.${unread}`,
  };
}
