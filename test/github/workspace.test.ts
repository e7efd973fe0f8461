import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { createWorkspace, WorkspaceError } from "../../src/github/workspace.js";
import { EXTRA_CONTRACT, prRepo } from "../helpers/prRepo.js";

describe("createWorkspace", () => {
  it("clones once per repo, checks each job's head out in its own worktree with the base fetched, removes it after", async () => {
    const origin = await prRepo();
    const head = await origin.commit({ "contracts/extra.yaml": EXTRA_CONTRACT }, "add ExtraCollection");
    const cacheDir = await mkdtemp(path.join(tmpdir(), "w3o-cache-"));
    const ws = createWorkspace({ cacheDir, baseUrl: origin.baseUrl });
    const job = { owner: "acme", repo: "infra", token: "ghs_TOKENVALUE1234567890", headSha: head, baseSha: origin.base };

    const seen = await ws.withCheckout(job, async (dir) => {
      const git = simpleGit(dir);
      return {
        dir,
        head: (await git.revparse(["HEAD"])).trim(),
        extra: await readFile(path.join(dir, "contracts/extra.yaml"), "utf8"),
        baseThere: (await git.raw(["cat-file", "-t", origin.base])).trim(),
      };
    });
    expect(seen).toMatchObject({ head, extra: EXTRA_CONTRACT, baseThere: "commit" });
    expect(existsSync(seen.dir)).toBe(false);

    // A second job reuses the clone: same bare repo, one worktree registered at a time, none left after.
    const next = await origin.commit({ "README.md": "x\n" }, "readme");
    const clone = path.join(cacheDir, "clones/acme/infra.git");
    const during = await ws.withCheckout({ ...job, headSha: next }, async () => simpleGit(clone).raw(["worktree", "list"]));
    expect(during.trim().split("\n")).toHaveLength(2);
    expect((await simpleGit(clone).raw(["worktree", "list"])).trim().split("\n")).toHaveLength(1);
    expect(await readdir(path.join(cacheDir, "clones/acme"))).toEqual(["infra.git"]);
    // The token is a header of each command, never in the remote's URL or the clone's config.
    const config = await readFile(path.join(clone, "config"), "utf8");
    expect(config).toContain(`url = ${origin.baseUrl}/acme/infra.git`);
    expect(config).not.toContain("TOKENVALUE");
    expect(config).not.toContain(Buffer.from(`x-access-token:${job.token}`).toString("base64"));
  });

  it("the worktree goes also when the job fails, and a missing commit is a WorkspaceError without the token", async () => {
    const origin = await prRepo();
    const cacheDir = await mkdtemp(path.join(tmpdir(), "w3o-cache-"));
    const ws = createWorkspace({ cacheDir, baseUrl: origin.baseUrl });
    const job = { owner: "acme", repo: "infra", token: "ghs_TOKENVALUE1234567890", headSha: origin.base };
    let dir = "";
    await expect(
      ws.withCheckout(job, async (d) => {
        dir = d;
        throw new Error("engine failed");
      }),
    ).rejects.toThrow("engine failed");
    expect(existsSync(dir)).toBe(false);

    const err = await ws.withCheckout({ ...job, headSha: "1".repeat(40) }, async () => "never").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as Error).message).toContain("Cannot check out acme/infra at 1111111.");
    expect((err as Error).message).not.toContain("TOKENVALUE");
    expect(await readdir(path.join(cacheDir, "jobs"))).toEqual([]);
  });
});
