import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Every temporary folder the tests make (their own, the CLI's they spawn, git worktrees, anvil state)
 * lands under one folder per run, removed when the run ends — passing or failing — so a test that
 * forgets its cleanup still leaves nothing behind. Workers and child processes inherit TMPDIR.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "w3o-test-run-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
