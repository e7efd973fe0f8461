import { cp, mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

/** The README tour's `npx w3o …` lines, with the folder each runs in (the tour `cd`s into .scratch/infra). */
async function tourCommands(): Promise<{ args: string[]; inScratch: boolean }[]> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const block = readme.slice(readme.indexOf("npx w3o validate examples/infra"));
  const lines = block.slice(0, block.indexOf("```")).split("\n");
  let inScratch = false;
  const out: { args: string[]; inScratch: boolean }[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (line.includes("cd .scratch/infra")) inScratch = true;
    if (!line.startsWith("npx w3o ")) continue;
    out.push({ args: line.slice("npx w3o ".length).split(/\s+/), inScratch });
  }
  return out;
}

// Commands that need the devnet running (devnet, plan, apply, verify) are left to the apply e2e tests.
const NEEDS_DEVNET = new Set(["devnet", "plan", "apply", "verify", "up"]);

describe("README tour", () => {
  it("leaves a fresh clone of the checkout clean (git status --porcelain is empty)", async () => {
    const clone = path.join(await mkdtemp(path.join(tmpdir(), "w3o-tour-")), "checkout");
    await simpleGit().clone(ROOT, clone);
    const scratch = path.join(clone, ".scratch", "infra");
    await mkdir(path.dirname(scratch), { recursive: true });
    await cp(path.join(clone, "examples/infra"), scratch, { recursive: true });
    const commands = (await tourCommands()).filter((c) => !NEEDS_DEVNET.has(c.args[0] as string));
    expect(commands.map((c) => c.args[0])).toEqual(expect.arrayContaining(["audit", "compliance", "render"]));
    for (const c of commands) {
      const r = runCli(c.args, { cwd: c.inScratch ? scratch : clone });
      expect(r.code, `${c.args.join(" ")}: ${r.stderr}`).toBeLessThanOrEqual(1);
    }
    expect(
      await simpleGit(clone)
        .status(["--porcelain"])
        .then((s) => s.files.map((f) => f.path)),
    ).toEqual([]);
  }, 300_000);
});
