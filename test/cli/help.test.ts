import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../src/cli/examples.js";
import { createProgram } from "../../src/cli/program.js";
import { cli } from "./run.js";

const longs = (c: Command): string[] => [...c.options.map((o) => o.long ?? ""), ...c.commands.flatMap(longs)];

describe("--help", () => {
  it("shows one or two examples for every command, each using only options that command has", async () => {
    for (const command of createProgram().commands) {
      const name = command.name();
      const examples = EXAMPLES[name] ?? [];
      expect(examples.length, name).toBeGreaterThanOrEqual(1);
      expect(examples.length, name).toBeLessThanOrEqual(2);
      const help = (await cli(name, "--help")).stdout;
      expect(help, name).toContain("Examples:");
      for (const example of examples) {
        expect(help, name).toContain(`  $ ${example}`);
        const first = example.split(" && ")[0]!.split(" ");
        expect(first.slice(0, 2), example).toEqual(["w3o", name]);
        for (const flag of first.filter((t) => t.startsWith("--"))) expect(longs(command), example).toContain(flag);
      }
    }
  });
});
