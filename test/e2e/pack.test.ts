import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/**
 * A team's first hour, from the package npm would publish: pack this checkout, install the tarball in
 * an empty folder outside it (dependencies from the npm cache, else the registry), and run the
 * installed `w3o` there. Installing takes 4–10 minutes on this VM: with no route to GitHub, better-sqlite3's
 * prebuilt binary cannot be fetched and node-gyp compiles SQLite, as it would for a user behind such a proxy.
 */
const run = (cmd: string, args: string[], cwd: string) => {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.LOCAL_RPC_URL;
  const res = spawnSync(cmd, args, { cwd, encoding: "utf8", env, timeout: 1_500_000 });
  return { code: res.status ?? -1, out: `${res.stdout}${res.stderr}`, stdout: res.stdout };
};

let tmp: string | undefined;
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the npm package", () => {
  it("installs outside this checkout, and there w3o init, validate and up work from an empty folder", { timeout: 1_800_000 }, async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "w3o-pack-"));
    const pack = run("npm", ["pack", "--pack-destination", tmp], ROOT);
    expect(pack.code, pack.out).toBe(0);
    const tarball = (await readdir(tmp)).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const team = path.join(tmp, "team");
    await run("mkdir", ["-p", team], tmp);
    await writeFile(path.join(team, "package.json"), '{ "name": "team-infra", "private": true }\n');
    const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(tmp, tarball!)], team);
    expect(install.code, install.out).toBe(0);

    const w3o = path.join(team, "node_modules", ".bin", "w3o");
    const init = run(w3o, ["init"], team);
    expect(init.code, init.out).toBe(0);
    // Installed inside the repo, the schema header points at the package's own copy.
    const validate = run(w3o, ["validate"], team);
    expect(validate.code, validate.out).toBe(0);
    expect(validate.stdout).toContain("valid — 1 environments, 1 networks, 0 nodes, 1 contracts");
    const up = run(w3o, ["up"], team);
    expect(up.code, up.out).toBe(0);
    expect(up.stdout).toMatch(/Greeter\s+0x[0-9a-fA-F]{40}/);
    const header = run("head", ["-1", "w3o.yaml"], team).stdout;
    expect(header).toBe("# yaml-language-server: $schema=node_modules/web3-orchestrator/schema/w3o.schema.json\n");
  });
});
