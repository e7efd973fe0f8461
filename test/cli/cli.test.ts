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
    // The documented commands, written out: taking them from the program under test could not fail.
    const documented = [
      "init",
      "up",
      "validate",
      "plan",
      "apply",
      "unlock",
      "audit",
      "compliance",
      "recommend",
      "render",
      "verify",
      "devnet",
      "schema",
    ];
    const help = runCli(["--help"]).stdout;
    const listed = [...help.slice(help.indexOf("Commands:")).matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1])
      .filter((n) => n !== "help");
    expect(listed.sort()).toEqual([...documented].sort());
    for (const name of documented) {
      const sub = runCli([name, "--help"]);
      expect(sub.code, name).toBe(0);
      expect(sub.stdout).toContain(`Usage: w3o ${name}`);
    }
    expect(
      createProgram()
        .commands.map((c) => c.name())
        .sort(),
    ).toEqual([...documented].sort());
  });
});
