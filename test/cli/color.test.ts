import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

const BROKEN = path.join(ROOT, "examples/broken");
const coloured = (s: string) => s.includes("\u001b[");

describe("colour (https://no-color.org)", () => {
  it("NO_COLOR with a value turns colour off; an empty NO_COLOR does not", () => {
    expect(coloured(runCli(["validate", BROKEN], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout)).toBe(false);
    expect(coloured(runCli(["validate", BROKEN], { env: { FORCE_COLOR: "1", NO_COLOR: "" } }).stdout)).toBe(true);
  });
});
