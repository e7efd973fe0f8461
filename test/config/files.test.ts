import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRepo } from "../../src/config/load.js";
import { MINIMAL, tempRepo } from "../helpers/configRepo.js";

const EVIL = 'contracts:\n  Evil: { source: "evil.sol", networks: [nowhere] }\n';

const repo = tempRepo("w3o-files-");
const { write, found } = repo;
let outside: string;
beforeEach(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), "w3o-outside-"));
  await writeFile(path.join(outside, "evil.yaml"), EVIL);
  await writeFile(path.join(outside, "evil.sol"), "contract Evil {}\n");
});
afterEach(() => rm(outside, { recursive: true, force: true }));

describe("files the loader reads", () => {
  it("refuses an included folder that is a symlink to outside the repo, at its include entry, reading nothing from it", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [linked]\n`);
    await symlink(outside, path.join(repo.dir, "linked"));
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "w3o.yaml",
        line: 7,
        col: 11,
        code: "include-outside-repo",
        message: 'include "linked" is a symlinked folder whose real path is outside the repository',
        hint: expect.stringContaining("copy the folder in"),
      }),
    ]);
  });

  it("refuses a symlinked folder nested in an included one, and a file reached through such a folder", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [contracts, via/evil.yaml]\n`);
    await write("contracts/ok.yaml", "nodes: {}\n");
    await symlink(outside, path.join(repo.dir, "contracts/vendor"));
    await symlink(outside, path.join(repo.dir, "via"));
    expect(await found()).toEqual(["via/evil.yaml:1:1 symlink-outside-repo", "w3o.yaml:7:11 include-outside-repo"]);
    expect((await loadRepo(repo.dir)).diagnostics[1]?.message).toBe(
      'include "contracts" holds contracts/vendor, which is a symlinked folder whose real path is outside the repository',
    );
  });

  it("follows a symlinked folder whose real path is inside the repo", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [resources]\n`);
    await write("real/alerts.yaml", "alerts:\n  issues: { kind: github-issue }\n");
    await mkdir(path.join(repo.dir, "resources"));
    await symlink(path.join(repo.dir, "real"), path.join(repo.dir, "resources/shared"));
    const { model, diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([]);
    expect(model?.origins["alerts.issues"]).toBe("resources/shared/alerts.yaml");
  });

  it("refuses a contract source whose real path is outside the repo", async () => {
    await write(
      "w3o.yaml",
      `${MINIMAL}accounts:\n  deployer: { signer: { devnet: 0 } }\ncontracts:\n  T: { source: T.sol, networks: [local] }\n`,
    );
    await symlink(path.join(outside, "evil.sol"), path.join(repo.dir, "T.sol"));
    expect(await found()).toEqual(["w3o.yaml:10:16 source-outside-repo"]);
  });

  it("refuses a FIFO named *.yaml without opening it (the load would hang)", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [nodes]\n`);
    await mkdir(path.join(repo.dir, "nodes"));
    execFileSync("mkfifo", [path.join(repo.dir, "nodes/pipe.yaml")]);
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "nodes/pipe.yaml",
        line: 1,
        col: 1,
        code: "not-a-file",
        message: "nodes/pipe.yaml is a named pipe (FIFO), not a regular file",
      }),
    ]);
  }, 10_000);

  it("refuses a binary without NUL bytes once, at its first byte that is not UTF-8", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [blob.yaml]\n`);
    await write("blob.yaml", Buffer.concat([Buffer.from("contracts:\n  A"), Buffer.from("\xff: {x: [\xc3\n".repeat(40), "latin1")]));
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "blob.yaml",
        line: 2,
        col: 4,
        code: "binary-file",
        message: "blob.yaml is not a text file: bytes that are not UTF-8 at line 2, column 4",
      }),
    ]);
  });

  it("refuses UTF-8 holding control characters YAML forbids", async () => {
    await write("w3o.yaml", `${MINIMAL}include: [ctl.yaml]\n`);
    await write("ctl.yaml", "nodes:\n  a\u0007b: {}\n");
    expect((await loadRepo(repo.dir)).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([
      "ctl.yaml:2:4 ctl.yaml is not a text file: the control character U+0007 at line 2, column 4",
    ]);
  });
});
