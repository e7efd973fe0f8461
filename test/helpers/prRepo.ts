import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { ROOT } from "./cli.js";

export const EXTRA_CONTRACT = `contracts:\n  ExtraCollection:\n    source: contracts/src/AcmeCollection.sol\n    contract: AcmeCollection\n    networks: [local]\n    args: ["Extra", "EXT", "ipfs://x/", "\${accounts.deployer}"]\n`;

export type PrRepo = {
  /** Clone base URL: the repo is at `<baseUrl>/acme/infra.git`, as on GitHub. */
  baseUrl: string;
  dir: string;
  base: string;
  /** Commits a change on top of the current head and returns its SHA. */
  commit(files: Record<string, string>, message: string): Promise<string>;
};

/** A real git repository holding examples/infra as its main (the base), standing in for GitHub's. */
export async function prRepo(): Promise<PrRepo> {
  const baseUrl = await mkdtemp(path.join(tmpdir(), "w3o-origin-"));
  const dir = path.join(baseUrl, "acme", "infra.git");
  await mkdir(dir, { recursive: true });
  await cp(path.join(ROOT, "examples/infra"), dir, { recursive: true });
  const git = simpleGit(dir);
  await git.init(["-b", "main"]).addConfig("user.email", "t@example.com").addConfig("user.name", "t");
  await git.add(".").commit("base");
  const base = (await git.revparse(["HEAD"])).trim();
  return {
    baseUrl,
    dir,
    base,
    async commit(files, message) {
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), text);
      }
      await git.add(".").commit(message);
      return (await git.revparse(["HEAD"])).trim();
    },
  };
}
