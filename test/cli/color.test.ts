import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

const BROKEN = path.join(ROOT, "examples/broken");
const coloured = (s: string) => s.includes("\u001b[");
const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * The CLI on a real pseudo-terminal (util-linux `script`), so that it sees a TTY as on a user's
 * terminal; `env` is the environment, without any NO_COLOR / FORCE_COLOR this process has.
 */
function inTerminal(args: string[], env: Record<string, string> = {}): string {
  const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const cmd = [process.execPath, "--import", tsx, path.join(ROOT, "src/cli/main.ts"), ...args].map(quote).join(" ");
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const res = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: ROOT, env: { ...base, ...env }, encoding: "utf8", timeout: 120_000 });
  return res.stdout;
}

/** Piped (not a terminal), with no NO_COLOR or FORCE_COLOR at all. */
const piped = (args: string[]) => runCli(args, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } }).stdout;

describe("colour (https://no-color.org)", () => {
  it("a terminal gets colour; NO_COLOR with a value turns it off; an empty NO_COLOR does not", () => {
    const plain = inTerminal(["validate", BROKEN]);
    expect(plain).toContain("error"); // the command ran and printed its findings on the terminal
    expect(coloured(plain)).toBe(true);
    expect(coloured(inTerminal(["validate", BROKEN], { NO_COLOR: "1" }))).toBe(false);
    expect(coloured(inTerminal(["validate", BROKEN], { NO_COLOR: "" }))).toBe(true);
  });

  it("a pipe gets no colour, unless FORCE_COLOR asks for it", () => {
    const out = piped(["validate", BROKEN]);
    expect(out).toContain("error");
    expect(coloured(out)).toBe(false);
    expect(coloured(runCli(["validate", BROKEN], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout)).toBe(true);
  });
});
