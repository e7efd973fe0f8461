import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { ROOT, runCli } from "../helpers/cli.js";

const INFRA = path.join(ROOT, "examples/infra");

describe("w3o CLI", () => {
  it("validate exits 0 on a valid repo and summarises it", () => {
    const res = runCli(["validate", INFRA]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/valid — 3 environments, 5 networks, 3 nodes, 5 contracts, 2 workflows, 3 monitors/);
  });

  it("validate --json prints machine-readable findings", () => {
    const ok = JSON.parse(runCli(["validate", INFRA, "--json"]).stdout);
    expect(ok).toEqual({ valid: true, errors: 0, warnings: 0, diagnostics: [] });
    const bad = JSON.parse(runCli(["validate", path.join(ROOT, "examples/broken"), "--json"]).stdout);
    expect(bad.valid).toBe(false);
    expect(bad.diagnostics[0]).toEqual(
      expect.objectContaining({
        file: expect.any(String),
        line: expect.any(Number),
        col: expect.any(Number),
        message: expect.any(String),
        hint: expect.any(String),
      }),
    );
  });

  it("exits 2 on usage errors: unknown command, unknown option, missing folder", () => {
    expect(runCli(["frobnicate"]).code).toBe(2);
    expect(runCli(["validate", "--frob"]).code).toBe(2);
    const missing = runCli(["validate", path.join(ROOT, "does-not-exist")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("is not a directory");
    expect(missing.stderr).toContain("Hint:");
  });

  it("prints no colour when NO_COLOR is set or output is not a terminal", () => {
    const res = runCli(["validate", path.join(ROOT, "examples/broken")], { env: { FORCE_COLOR: undefined } });
    expect(res.stdout.includes("\u001b[")).toBe(false);
  });

  it("exits quietly when the reader closes the pipe early", () => {
    const res = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; "${process.execPath}" --import tsx src/cli/main.ts audit examples/infra --format sarif | head -c 10 >/dev/null`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(res.stderr).not.toContain("EPIPE");
    expect(res.stderr).not.toContain("Unhandled");
  });

  it("has --help for every command, and lists only commands that exist", () => {
    const program = createProgram();
    const names = program.commands.map((c) => c.name());
    const help = runCli(["--help"]).stdout;
    for (const name of names) {
      expect(help).toContain(`  ${name}`);
      const sub = runCli([name, "--help"]);
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain(`Usage: w3o ${name}`);
    }
  });
});
