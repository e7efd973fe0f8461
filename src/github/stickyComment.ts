import type { GitHubClient } from "./client.js";
import { GitHubLimitError } from "./errors.js";
import { GITHUB_LIMITS } from "./limits.js";

export type RepoRef = { owner: string; repo: string };

export type StickyComment = {
  issueNumber: number;
  /** Names the comment among w3o's own on the PR (one per infra repo path in a monorepo). */
  key: string;
  /** Login of the account that posts (`my-app[bot]`, `github-actions[bot]`): only its comments are taken over. */
  author: string;
  body: string;
};

export type StickyResult = { id: number; action: "created" | "updated"; removedDuplicates: number };

/** The hidden first line that finds the comment again; HTML comments do not render on GitHub. */
export function stickyMarker(key: string): string {
  return `<!-- w3o:sticky:${key} -->`;
}

type Comment = { id: number; body?: string; user: { login: string } | null };

async function ours(gh: GitHubClient, ref: RepoRef, c: StickyComment): Promise<Comment[]> {
  const marker = stickyMarker(c.key);
  const all = (await gh.paginate(gh.rest.issues.listComments, { ...ref, issue_number: c.issueNumber, per_page: 100 })) as Comment[];
  // A user can paste the marker; only the poster's own comments count, or a PR author could hijack the report.
  return all
    .filter((x) => x.user?.login.toLowerCase() === c.author.toLowerCase() && x.body?.startsWith(marker))
    .sort((a, b) => a.id - b.id);
}

/**
 * Creates or edits THE comment w3o keeps on a PR. Steady state is one list and one edit. Two runs that race
 * may both create one; each then looks again, keeps the oldest, deletes the rest and writes its body into
 * the oldest, so the PR converges to one comment whichever finishes last.
 */
export async function upsertStickyComment(gh: GitHubClient, ref: RepoRef, c: StickyComment): Promise<StickyResult> {
  const body = `${stickyMarker(c.key)}\n${c.body}`;
  if (body.length > GITHUB_LIMITS.commentBody) throw new GitHubLimitError("The PR comment", body.length, GITHUB_LIMITS.commentBody);
  const existing = await ours(gh, ref, c);
  const [oldest, ...extra] = existing;
  if (oldest) {
    await gh.rest.issues.updateComment({ ...ref, comment_id: oldest.id, body });
    for (const dup of extra) await gh.rest.issues.deleteComment({ ...ref, comment_id: dup.id });
    return { id: oldest.id, action: "updated", removedDuplicates: extra.length };
  }
  const created = await gh.rest.issues.createComment({ ...ref, issue_number: c.issueNumber, body });
  const after = await ours(gh, ref, c);
  const keep = after[0];
  if (!keep || keep.id === created.data.id) {
    return { id: created.data.id, action: "created", removedDuplicates: 0 };
  }
  // Another run created one first: ours goes, its comment carries our (newer) body.
  for (const dup of after.slice(1)) await gh.rest.issues.deleteComment({ ...ref, comment_id: dup.id });
  await gh.rest.issues.updateComment({ ...ref, comment_id: keep.id, body });
  return { id: keep.id, action: "updated", removedDuplicates: after.length - 1 };
}
