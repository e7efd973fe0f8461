import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectName, SCHEMA_URL, schemaRef } from "../../src/cli/scaffold.js";
import { loadRepo } from "../../src/config/load.js";
import { ROOT, runCli } from "../helpers/cli.js";

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "w3o-init-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("w3o init", () => {
  it("scaffolds a repo that w3o validate accepts, with one dev environment on the local devnet", async () => {
    const dir = path.join(tmp, "Acme Infra");
    const res = runCli(["init", dir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("w3o validate && w3o up");
    const { model, diagnostics } = await loadRepo(dir);
    expect(diagnostics).toEqual([]);
    expect(model?.project).toBe("acme-infra");
    expect(Object.keys(model!.environments)).toEqual(["dev"]);
    expect(model!.networks.local?.chainId).toBe(31337);
    expect(Object.keys(model!.contracts)).toEqual(["Greeter"]);
    const gitignore = await readFile(path.join(dir, ".gitignore"), "utf8");
    for (const entry of [".w3o/", "out/", "audit/"]) expect(gitignore.split("\n")).toContain(entry);
    // The Action's workflow, pointing at the action.yml of this repository, with least-privilege permissions.
    const workflow = parse(await readFile(path.join(dir, ".github/workflows/w3o.yml"), "utf8"));
    const action = parse(await readFile(path.join(ROOT, "action.yml"), "utf8"));
    expect(workflow.on.pull_request.types).toContain("synchronize");
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write", checks: "write", "security-events": "write" });
    const step = workflow.jobs.review.steps.find((s: { uses?: string }) => s.uses?.startsWith("web3-orchestrator/w3o@"));
    expect(step.id).toBe("w3o");
    const uploaded = workflow.jobs.review.steps.find((s: { uses?: string }) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(Object.keys(action.outputs)).toContain(uploaded.with.sarif_file.match(/outputs\.([a-z-]+)/)[1]);
    const root = await readFile(path.join(dir, "w3o.yaml"), "utf8");
    expect(root.split("\n")[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}/w3o.schema.json`);
    expect(runCli(["validate", dir]).code).toBe(0);
  });

  it("defaults to the current folder and takes --project", async () => {
    const res = runCli(["init", "--project", "acme"], { cwd: tmp });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Next: w3o validate");
    expect((await loadRepo(tmp)).model?.project).toBe("acme");
  });

  it("refuses to overwrite, and then writes nothing at all", async () => {
    await writeFile(path.join(tmp, "w3o.yaml"), "mine\n");
    const res = runCli(["init", tmp]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("already has w3o.yaml");
    expect(await readFile(path.join(tmp, "w3o.yaml"), "utf8")).toBe("mine\n");
    await expect(readFile(path.join(tmp, ".gitignore"))).rejects.toThrow(/ENOENT/);

    const again = path.join(tmp, "again");
    expect(runCli(["init", again]).code).toBe(0);
    const second = runCli(["init", again]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("contracts/greeter.yaml");
  });

  it("names the project after the folder, within what the schema accepts", () => {
    expect(projectName("/x/My Infra!")).toBe("my-infra");
    expect(projectName("/x/2024-repo")).toBe("repo");
    expect(projectName("/x/???")).toBe("infra");
  });

  it("points the schema header at an installed package inside the repo, else at the published URL", () => {
    const root = "/repo";
    expect(schemaRef(root, "w3o.yaml", "/repo/node_modules/web3-orchestrator/schema")).toBe("node_modules/web3-orchestrator/schema");
    expect(schemaRef(root, "contracts/a.yaml", "/repo/node_modules/web3-orchestrator/schema")).toBe(
      "../node_modules/web3-orchestrator/schema",
    );
    expect(schemaRef(root, "w3o.yaml", "/usr/lib/node_modules/web3-orchestrator/schema")).toBe(SCHEMA_URL);
  });
});

describe("an empty folder", () => {
  it("validate says to run w3o init, and names no file of this checkout", async () => {
    const res = runCli(["validate"], { cwd: tmp });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("Run `w3o init` to create one");
    expect(res.stdout).not.toContain("examples/");
    const other = runCli(["validate", path.join(tmp, "sub")], { cwd: tmp });
    expect(other.code).toBe(2);
    await mkdir(path.join(tmp, "sub"));
    expect(runCli(["validate", "sub"], { cwd: tmp }).stdout).toContain("Run `w3o init sub`");
  });

  it("up without a folder works on the current one, and says to run w3o init when it holds no w3o.yaml", async () => {
    const empty = runCli(["up"], { cwd: tmp });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("w3o init");
    expect(empty.stderr).not.toContain("examples/");

    expect(runCli(["init"], { cwd: tmp }).code).toBe(0);
    const up = runCli(["up"], { cwd: tmp });
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/Greeter\s+0x[0-9a-fA-F]{40}/);
  });
});
