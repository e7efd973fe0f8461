import { chmod, cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { runAudit } from "../../src/policy/audit.js";
import { collectFiles, diffFrom, parseUnifiedDiff } from "../../src/policy/inputs.js";
import { openState } from "../../src/state/db.js";

async function gitRepo(): Promise<{ dir: string; git: ReturnType<typeof simpleGit> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-git-"));
  await cp(path.resolve("examples/infra"), dir, { recursive: true });
  const git = simpleGit(dir);
  await git.init(["-b", "main"]);
  await git.addConfig("user.email", "ci@example.org").addConfig("user.name", "CI");
  await git.add(".").commit("infra");
  return { dir, git };
}

describe("diff scanning (--base)", () => {
  it("reports secrets the change adds, at their line in the new file, and not those already on the base", async () => {
    const { dir, git } = await gitRepo();
    // Already committed on the base: a repo scan finds it, the diff scan must not.
    await writeFile(path.join(dir, "old.env"), "RPC=https://eth-mainnet.g.alchemy.com/v2/abcDEF123456ghiJKL789mnoPQR\n");
    await git.add("old.env").commit("old");
    const base = (await git.revparse(["HEAD"])).trim();
    await writeFile(
      path.join(dir, "notes.md"),
      "# Notes\n\nkeep safe\n\nwallet mnemonic: test test test test test test test test test test test junk\n",
    );
    await git.add("notes.md").commit("notes");
    // Unstaged and untracked changes count too: the diff is to the working tree.
    await writeFile(
      path.join(dir, "scratch.txt"),
      "deployer private key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n",
    );

    const diff = await diffFrom(dir, base);
    expect(diff.map((d) => d.path).sort()).toEqual(["notes.md", "scratch.txt"]);

    const { evaluation } = await runAudit(dir, { base });
    const inDiff = evaluation.findings.filter((f) => f.ruleId === "W3O-SEC-005").map((f) => `${f.location.file}:${f.location.line}`);
    expect(inDiff.sort()).toEqual(["notes.md:5", "scratch.txt:1"]);
    const inRepo = evaluation.findings.filter((f) => f.ruleId === "W3O-SEC-004").map((f) => f.resource);
    expect(inRepo.sort()).toEqual(["notes.md", "old.env", "scratch.txt"]);
  });

  it("refuses a base that is not a commit, with a hint", async () => {
    const { dir } = await gitRepo();
    await expect(diffFrom(dir, "no-such-branch")).rejects.toThrow(/--base no-such-branch is not a commit/);
  });

  it("parses added lines and their numbers from a unified diff", () => {
    const patch = [
      "diff --git a/w3o.yaml b/w3o.yaml",
      "--- a/w3o.yaml",
      "+++ b/w3o.yaml",
      "@@ -3,0 +4,2 @@",
      "+a",
      "+b",
      "@@ -10 +12 @@",
      "-old",
      "+new",
      "diff --git a/gone.txt b/gone.txt",
      "--- a/gone.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-x",
    ].join("\n");
    expect(parseUnifiedDiff(patch)).toEqual([
      {
        path: "w3o.yaml",
        added: [
          { line: 4, text: "a" },
          { line: 5, text: "b" },
          { line: 12, text: "new" },
        ],
      },
    ]);
  });
});

describe("file permissions (real chmod)", () => {
  it("flags world-readable keys and executable data files, and reads modes from disk", async () => {
    const { dir } = await gitRepo();
    await writeFile(path.join(dir, "jwt.hex"), "0".repeat(64));
    await writeFile(path.join(dir, "operator.pem"), "not really a key");
    await writeFile(
      path.join(dir, "UTC--2024-01-01T00-00-00.000Z--f39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
      '{"crypto":{"ciphertext":"00","kdf":"scrypt"}}',
    );
    await chmod(path.join(dir, "jwt.hex"), 0o600);
    await chmod(path.join(dir, "operator.pem"), 0o644);
    await chmod(path.join(dir, "UTC--2024-01-01T00-00-00.000Z--f39fd6e51aad88f6f4ce6ab8827279cfffb92266"), 0o640);
    await chmod(path.join(dir, "contracts/token.yaml"), 0o755);
    const files = await collectFiles(dir);
    expect(files.find((f) => f.path === "operator.pem")?.mode).toBe(0o644);

    const { evaluation } = await runAudit(dir);
    const perms = evaluation.findings.filter((f) => f.ruleId === "W3O-SEC-006" || f.ruleId === "W3O-SEC-007");
    expect(perms.map((f) => `${f.ruleId} ${f.resource}`).sort()).toEqual(["W3O-SEC-006 operator.pem", "W3O-SEC-007 contracts/token.yaml"]);
    expect(perms.find((f) => f.ruleId === "W3O-SEC-006")?.message).toContain("mode 644");
  });
});

describe("repo files", () => {
  it("in a git repo, scans what a commit can contain: tracked and untracked files, never git-ignored ones", async () => {
    const { dir } = await gitRepo();
    await writeFile(path.join(dir, ".gitignore"), "build/\n*.log\n");
    await cp(path.join(dir, "w3o.yaml"), path.join(dir, "untracked.yaml"));
    await writeFile(path.join(dir, "debug.log"), "ignored\n");
    const paths = (await collectFiles(dir)).map((f) => f.path);
    expect(paths).toContain("w3o.yaml");
    expect(paths).toContain("untracked.yaml");
    expect(paths).toContain(".gitignore");
    expect(paths).not.toContain("debug.log");
  });

  it("never reports w3o's own state database as committed data after an apply", async () => {
    const { dir } = await gitRepo();
    const state = await openState(path.join(dir, ".w3o", "state.db"));
    await state.close();
    expect((await collectFiles(dir)).some((f) => f.path.startsWith(".w3o/"))).toBe(false);
    const { evaluation } = await runAudit(dir);
    expect(evaluation.findings.filter((f) => f.resource.startsWith(".w3o/"))).toEqual([]);
  });
});
