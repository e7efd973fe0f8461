import type { Requirement } from "../config/schema/network.js";
import type { GitHubClient } from "./client.js";
import { type PullFacts, readPull } from "./pullRequest.js";
import type { RepoRef } from "./stickyComment.js";

export type Unmet = { requirement: Requirement; reason: string };

export type RequirementsInput = {
  gh: GitHubClient;
  ref: RepoRef;
  pull: PullFacts;
  /** From the default branch's w3o.yaml: a PR cannot lift a requirement. */
  requires: readonly Requirement[];
  /** w3o's own check run, left out of `checks-passed`: it is red or pending until applied, and would deadlock. */
  ownCheck: { name: string; appSlug?: string };
  /** How often to re-read a PR whose mergeability GitHub is still computing (null), and how long between. */
  mergeableTries?: number;
  wait?: (ms: number) => Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Review states that decide; COMMENTED and PENDING leave a reviewer's last decision as it was. */
const DECIDING = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

async function approved(i: RequirementsInput): Promise<string | undefined> {
  const reviews = await i.gh.paginate(i.gh.rest.pulls.listReviews, { ...i.ref, pull_number: i.pull.number, per_page: 100 });
  // The reviews API lists oldest first: the last deciding review of each user is their word now.
  const latest = new Map<string, string>();
  for (const r of reviews) if (r.user?.login && DECIDING.has(r.state)) latest.set(r.user.login.toLowerCase(), r.state);
  const author = i.pull.author?.toLowerCase();
  const approvers = [...latest].filter(([user, state]) => state === "APPROVED" && user !== author);
  if (approvers.length) return undefined;
  const changes = [...latest].filter(([, state]) => state === "CHANGES_REQUESTED").map(([u]) => `@${u}`);
  return changes.length
    ? `changes are requested by ${changes.join(", ")} and no one else has approved it`
    : `no one but its author${i.pull.author ? ` (@${i.pull.author})` : ""} has approved it: it needs an approving review`;
}

async function mergeable(i: RequirementsInput): Promise<string | undefined> {
  let pull = i.pull;
  const tries = i.mergeableTries ?? 3;
  // GitHub computes mergeability after a push in the background and answers null meanwhile.
  for (let n = 1; pull.mergeable == null && n < tries; n++) {
    await (i.wait ?? sleep)(1_000 * n);
    pull = await readPull(i.gh, i.ref, i.pull.number);
  }
  if (pull.mergeable == null) return "GitHub is still computing whether it can merge: try again in a minute";
  if (pull.mergeableState === "draft" || pull.draft) return "it is a draft: mark it ready for review";
  if (!pull.mergeable || pull.mergeableState === "dirty") return `it has conflicts with ${pull.baseRef}: resolve them`;
  // "blocked" is left to the other requirements: what blocks may be a review, or w3o's own required check.
  return undefined;
}

async function undiverged(i: RequirementsInput): Promise<string | undefined> {
  // Against the base branch's tip now, not the base SHA the PR last saw.
  const { data } = await i.gh.rest.repos.compareCommitsWithBasehead({
    ...i.ref,
    basehead: `${i.pull.baseRef}...${i.pull.headSha}`,
    per_page: 1,
  });
  if (!data.behind_by) return undefined;
  return `it is ${plural(data.behind_by, "commit")} behind ${i.pull.baseRef}: update the branch (merge or rebase ${i.pull.baseRef}), then plan again`;
}

const GREEN = new Set(["success", "neutral", "skipped"]);

async function checksPassed(i: RequirementsInput): Promise<string | undefined> {
  const [runs, combined] = await Promise.all([
    i.gh.paginate(i.gh.rest.checks.listForRef, { ...i.ref, ref: i.pull.headSha, per_page: 100 }),
    i.gh.rest.repos.getCombinedStatusForRef({ ...i.ref, ref: i.pull.headSha, per_page: 100 }),
  ]);
  const own = (r: { name: string; app?: { slug?: string } | null }) =>
    r.name === i.ownCheck.name && (!i.ownCheck.appSlug || r.app?.slug === i.ownCheck.appSlug);
  const failing: string[] = [];
  const pending: string[] = [];
  for (const r of runs.filter((r) => !own(r))) {
    if (r.status !== "completed") pending.push(r.name);
    else if (!GREEN.has(r.conclusion ?? "")) failing.push(`${r.name} (${r.conclusion})`);
  }
  for (const s of combined.data.statuses) {
    if (s.state === "pending") pending.push(s.context);
    else if (s.state !== "success") failing.push(`${s.context} (${s.state})`);
  }
  const parts = [
    ...(failing.length ? [`failing: ${failing.join(", ")}`] : []),
    ...(pending.length ? [`still running: ${pending.join(", ")}`] : []),
  ];
  return parts.length ? `checks on ${i.pull.headSha.slice(0, 7)} are not all green (${parts.join("; ")})` : undefined;
}

const CHECKS: Record<Requirement, (i: RequirementsInput) => Promise<string | undefined>> = {
  approved,
  mergeable,
  undiverged,
  "checks-passed": checksPassed,
};

/**
 * The environment's `requires` that the pull request does not meet, each with why and what to do, as
 * Atlantis's apply requirements. Only what is required is asked: approved (one paginated reviews read),
 * mergeable (none, the PR read is given; a re-read while GitHub computes), undiverged (one compare),
 * checks-passed (check runs and combined status of the head). An API error is thrown, never a pass.
 */
export async function unmetRequirements(i: RequirementsInput): Promise<Unmet[]> {
  const out: Unmet[] = [];
  for (const requirement of i.requires) {
    const reason = await CHECKS[requirement](i);
    if (reason) out.push({ requirement, reason });
  }
  return out;
}
