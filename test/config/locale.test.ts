import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

// w3o orders what it prints (diagnostics, plan steps, findings) and hashes (journal fingerprints):
// a laptop and CI must agree. Danish collation sorts "aa" after "z" (as "å"), so ordering by the
// process's locale, as localeCompare does, would not.
describe("output does not depend on the machine's locale", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), "w3o-locale-"));
    await cp(path.join(ROOT, "examples/infra"), repo, { recursive: true });
    await writeFile(path.join(repo, "nodes/aa.yaml"), "nodes:\n  aa-node:\n    bogus: 1\n");
    await writeFile(path.join(repo, "nodes/ab.yaml"), "nodes:\n  ab-node:\n    bogus: 1\n");
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it("reports diagnostics in the same order under en_US and da_DK, files in code-point order", () => {
    const files = (locale: string) => {
      const res = runCli(["validate", repo, "--json"], { env: { LC_ALL: locale, LANG: locale } });
      expect(res.code).toBe(1);
      return (JSON.parse(res.stdout).diagnostics as { file: string }[]).map((d) => d.file);
    };
    const en = files("en_US.UTF-8");
    expect(en.indexOf("nodes/aa.yaml")).toBeGreaterThanOrEqual(0);
    expect(en.indexOf("nodes/aa.yaml")).toBeLessThan(en.indexOf("nodes/ab.yaml"));
    expect(files("da_DK.UTF-8")).toEqual(en);
  }, 60_000);
});
