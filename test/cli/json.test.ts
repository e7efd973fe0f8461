import path from "node:path";
import { describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { ROOT } from "../helpers/cli.js";
import { cli } from "./run.js";

const BROKEN = path.join(ROOT, "examples/broken");

/** The one JSON line an erring command prints with --json. */
function errorJson(stdout: string) {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!) as {
    error: { code: string; message: string; hint?: string; location?: object; problems?: { location: object }[] };
    exitCode: number;
  };
}

describe("--json on errors", () => {
  it("every command takes --json and prints a usage error as JSON, with the same exit code", async () => {
    for (const name of createProgram().commands.map((c) => c.name())) {
      const plain = await cli(name, "--frob");
      const json = await cli(name, "--frob", "--json");
      expect(json.code, name).toBe(2);
      expect(json.code, name).toBe(plain.code);
      const { error, exitCode } = errorJson(json.stdout);
      expect(exitCode, name).toBe(2);
      expect(error.code, name).toMatch(/^commander\.(unknownOption|missingMandatoryOptionValue)$/);
      expect(plain.stderr, name).toContain(error.message);
    }
  });

  it("a config error carries every problem at its file:line:col, exit 1", async () => {
    const res = await cli("plan", BROKEN, "--env", "dev", "--json");
    expect(res.code).toBe(1);
    const { error, exitCode } = errorJson(res.stdout);
    expect(exitCode).toBe(1);
    expect(error.code).toBe("config-invalid");
    expect(error.location).toEqual({ file: "contracts/cycle.yaml", line: 8, col: 13 });
    expect(error.problems).toHaveLength(14);
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        code: "unknown-key",
        location: { file: "w3o.yaml", line: 8, col: 5 },
        hint: expect.stringContaining("autoApply"),
      }),
    );
  });

  it("a typed error keeps its name as code and its hint; a missing folder stays a usage error", async () => {
    const missing = path.join(ROOT, "does-not-exist");
    for (const args of [["up"], ["audit"], ["validate"], ["render", "--env", "dev"], ["verify", "--env", "dev"]]) {
      const name = args[0]!;
      const res = await cli(name, missing, ...args.slice(1), "--json");
      expect(res.code, name).toBe(2);
      const { error } = errorJson(res.stdout);
      expect(error.code, name).toBe("RepoNotFoundError");
      expect(error.hint, name).toContain("w3o.yaml");
    }
  });

  it("prints nothing extra on success, and no JSON error without --json", async () => {
    const res = await cli("plan", BROKEN, "--env", "dev");
    expect(res.code).toBe(1);
    expect(res.stdout).not.toContain('"error"');
  });
});
