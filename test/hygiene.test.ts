import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

// test/globalSetup.ts points TMPDIR at one folder per run and removes it when the run ends.
it("temporary folders of tests and of the processes they start go under the run's own folder", () => {
  expect(path.basename(tmpdir())).toMatch(/^w3o-test-run-/);
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(require('node:os').tmpdir())"], { encoding: "utf8" });
  expect(child.stdout).toBe(tmpdir());
});
