import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Rpc } from "../../src/chains/evm/client.js";
import { CREATE2_FACTORY } from "../../src/chains/evm/create2.js";
import { ROOT } from "./cli.js";

export const FIXTURE = path.join(ROOT, "test/fixtures/apply-repo");

/** A fresh copy of the fixture repo, so each test writes its own records and state. */
export async function fixtureCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-apply-"));
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

/** A fresh copy of the fixture repo whose deployer signs with `signer` (YAML flow text) instead of its env key. */
export async function fixtureWithDeployerSigner(signer: string): Promise<string> {
  const dir = await fixtureCopy();
  const file = path.join(dir, "w3o.yaml");
  const yaml = await readFile(file, "utf8");
  if (!yaml.includes(DEPLOYER_SIGNER)) throw new Error(`the fixture's deployer no longer reads ${DEPLOYER_SIGNER}`);
  await writeFile(file, yaml.replace(DEPLOYER_SIGNER, `signer: ${signer}`));
  return dir;
}
const DEPLOYER_SIGNER = "signer: { env: W3O_TEST_DEPLOYER_KEY }";

/** What a signer must leave out of an apply's traces: the CLI's output, the state db (journal) and the records. */
export async function applyTraces(dir: string, run: { stdout: string; stderr: string }): Promise<string[]> {
  const records = path.join(dir, "deployments/dev");
  const files = [path.join(dir, ".w3o/state.db"), ...(await readdir(records)).map((f) => path.join(records, f))];
  return [run.stdout, run.stderr, ...(await Promise.all(files.map((f) => readFile(f, "latin1"))))];
}

export type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; pid?: number };

/** Runs the real CLI in a child process (asynchronously, so two can run at once); `onStdout` may signal it. */
export function w3o(args: string[], env: Record<string, string>, onStdout?: (all: string, child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid }));
  });
}

/** Every contract-creation tx a sender made: plain CREATEs (no `to`) and calls into the CREATE2 factory. */
export async function creations(url: string, from: string): Promise<{ hash: string; kind: "create" | "create2"; input: string }[]> {
  const rpc = new Rpc(url);
  const head = Number(BigInt(await rpc.call<string>("eth_blockNumber")));
  const blocks = await rpc.batch<{ transactions: { hash: string; from: string; to: string | null; input: string }[] }>(
    Array.from({ length: head + 1 }, (_, i) => ({ method: "eth_getBlockByNumber", params: [`0x${i.toString(16)}`, true] })),
  );
  return blocks.flatMap((b) =>
    b.ok
      ? b.result.transactions
          .filter(
            (t) => t.from.toLowerCase() === from.toLowerCase() && (t.to === null || t.to.toLowerCase() === CREATE2_FACTORY.toLowerCase()),
          )
          .map((t) => ({ hash: t.hash, kind: t.to === null ? ("create" as const) : ("create2" as const), input: t.input }))
      : [],
  );
}
