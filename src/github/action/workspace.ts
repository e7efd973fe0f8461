import { simpleGit } from "simple-git";

/**
 * Makes sure the PR's base commit is in the checkout, for the audit's "new in this PR" and the render diff.
 * actions/checkout clones one commit deep by default, so the base is usually missing: fetch just it.
 * Returns false when it cannot be had (the report then has no base comparison, and says nothing wrong).
 */
export async function ensureCommit(dir: string, sha: string): Promise<boolean> {
  const git = simpleGit(dir);
  const has = () =>
    git
      .raw(["cat-file", "-e", `${sha}^{commit}`])
      .then(() => true)
      .catch(() => false);
  if (await has()) return true;
  await git.fetch(["--no-tags", "--depth=1", "origin", sha]).catch(() => undefined);
  return has();
}
