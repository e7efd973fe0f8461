import { cp, mkdir, mkdtemp, readFile, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { simpleGit } from "simple-git";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "./run.js";

/** A monorepo with the infra repo in `infra/web3`, as a team keeps it next to its apps. */
let mono: string;
let infra: string;
beforeAll(async () => {
  mono = await realpath(await mkdtemp(path.join(tmpdir(), "w3o-mono-")));
  infra = path.join(mono, "infra", "web3");
  await mkdir(path.dirname(infra), { recursive: true });
  await cp(path.resolve("examples/infra"), infra, { recursive: true });
  const git = simpleGit(mono);
  await git.init(["-b", "main"]);
  await git.addConfig("user.email", "ci@example.org").addConfig("user.name", "CI");
  await git.add(".").commit("monorepo");
});

type SarifResult = { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };

describe("w3o audit --format sarif", () => {
  it("roots URIs at the git root, with originalUriBaseIds, when the infra repo is a folder of a monorepo", async () => {
    const file = path.join(mono, "audit.sarif");
    await cli("audit", infra, "--format", "sarif", "--out", file);
    const run = JSON.parse(await readFile(file, "utf8")).runs[0];
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(`${pathToFileURL(mono).href}/`);
    const uris: string[] = run.results.flatMap((r: SarifResult) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.every((u) => u.startsWith("infra/web3/"))).toBe(true);
  });

  it("still writes SARIF when the repo has config errors, one result per error at its line", async () => {
    const broken = await realpath(await mkdtemp(path.join(mono, "broken-")));
    await cp(path.resolve("examples/infra"), broken, { recursive: true });
    const yaml = await readFile(path.join(broken, "w3o.yaml"), "utf8");
    await writeFile(path.join(broken, "w3o.yaml"), yaml.replace(/^project:/m, "projekt: typo\nproject:"));
    const file = path.join(broken, "audit.sarif");
    const r = await cli("audit", broken, "--format", "sarif", "--out", file);
    expect(r.code).toBe(1);
    const run = JSON.parse(await readFile(file, "utf8")).runs[0];
    const result = run.results.find((x: SarifResult) => x.message.text.includes("projekt")) as SarifResult;
    expect(result.ruleId).toBe("config/unknown-key");
    expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`${path.basename(broken)}/w3o.yaml`);
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain("config/unknown-key");
  });
});
