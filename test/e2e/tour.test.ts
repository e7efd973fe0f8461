import { cp, mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { startDevnet } from "../../src/devnet/index.js";
import { ROOT, runCli } from "../helpers/cli.js";

/** The README tour's `npx w3o …` lines, with the folder each runs in (the tour `cd`s into .scratch/infra). */
async function tourCommands(): Promise<{ args: string[]; inScratch: boolean; says: string[] }[]> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const block = readme.slice(readme.indexOf("npx w3o validate examples/infra"));
  const lines = block.slice(0, block.indexOf("```")).split("\n");
  let inScratch = false;
  const out: { args: string[]; inScratch: boolean; says: string[] }[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (line.includes("cd .scratch/infra")) inScratch = true;
    if (!line.startsWith("npx w3o ")) continue;
    // The comment's fragments between "…" are what the command prints, e.g. "Plan: 5 to create, 0 to upgrade,".
    const comment = raw.includes("#") ? raw.slice(raw.indexOf("#") + 1).trim() : "";
    const says =
      comment.startsWith("+ ") || comment.startsWith("now: ")
        ? comment
            .replace(/^now: /, "")
            .split("…")
            .map((f) => f.trim())
            .filter(Boolean)
        : [];
    out.push({ args: line.slice("npx w3o ".length).replace(/&$/, "").trim().split(/\s+/), inScratch, says });
  }
  return out;
}

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

  it("runs its devnet half as written: plan, apply, plan again and verify say what the README says", async () => {
    const scratch = path.join(await mkdtemp(path.join(tmpdir(), "w3o-tour-devnet-")), "infra");
    await cp(path.join(ROOT, "examples/infra"), scratch, { recursive: true });
    // The tour's `npx w3o devnet &` on :8545; here the same devnet on a free port, named by LOCAL_RPC_URL.
    const devnet = await startDevnet({ port: 0 });
    try {
      const commands = (await tourCommands()).filter((c) => NEEDS_DEVNET.has(c.args[0] as string) && c.args[0] !== "devnet");
      expect(commands.map((c) => c.args[0])).toEqual(["plan", "apply", "plan", "verify"]);
      for (const c of commands) {
        const r = runCli(c.args, { cwd: scratch, env: { LOCAL_RPC_URL: devnet.url } });
        expect(r.code, `${c.args.join(" ")}: ${r.stdout}${r.stderr}`).toBe(0);
        // Columns are padded in the real output; the README's comment has single spaces.
        for (const fragment of c.says) expect(r.stdout.replace(/[ \t]+/g, " "), c.args.join(" ")).toContain(fragment);
      }
      expect(commands.some((c) => c.says.length > 0)).toBe(true);
      await expect(readFile(path.join(scratch, "deployments/dev/local.json"), "utf8")).resolves.toContain("AcmeToken");
    } finally {
      await devnet.stop();
    }
  });
});
