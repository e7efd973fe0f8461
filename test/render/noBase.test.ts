import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

let tmp: string | undefined;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("render --diff in a git repo without commits", () => {
  it("says there is no base, instead of failing to check out HEAD", async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "w3o-nobase-"));
    expect(runCli(["init", tmp]).code).toBe(0);
    await simpleGit(tmp).init();
    const res = runCli(["render", tmp, "--env", "dev", "--diff"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("There is no base to diff against");
    expect(res.stderr).toContain("no commits yet");
    expect(res.stderr).not.toContain("Cannot check out");
  });
});
