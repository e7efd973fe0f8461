import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { loadRepo } from "../../src/config/load.js";

/** The smallest valid root file: one environment on one local network. */
export const MINIMAL = `version: 1
project: demo
environments:
  dev: { networks: [local] }
networks:
  local: { chain: ethereum, chainId: 31337, rpc: { env: LOCAL_RPC_URL, default: "http://127.0.0.1:8545" } }
`;

/** MINIMAL with the deployer account that contracts default to. */
export const MINIMAL_WITH_DEPLOYER = `${MINIMAL}accounts:
  deployer: { signer: { devnet: 0 } }
`;

export type TempRepo = {
  /** The repo folder of the running test. */
  readonly dir: string;
  /** Writes a file at a repo-relative path, creating its folders. */
  write(file: string, text: string | Buffer): Promise<void>;
  /** What the loader reports, one `file:line:col code` per diagnostic. */
  found(): Promise<string[]>;
};

/** A fresh temporary infra repo for each test of the calling file, removed after it. */
export function tempRepo(prefix: string): TempRepo {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => {}); // a test may have made it unreadable
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    async found() {
      return (await loadRepo(dir)).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
    },
  };
}
