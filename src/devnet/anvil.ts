import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { HDNodeWallet, Mnemonic } from "ethers";
import { BaseError } from "../errors/index.js";

const require = createRequire(import.meta.url);

/** Anvil's default mnemonic. Its keys are public: they only ever sign on local devnets. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export type DevAccount = { address: string; privateKey: string };

export type Anvil = {
  url: string;
  port: number;
  chainId: number;
  accounts: DevAccount[];
  process: ChildProcess;
  stop(): Promise<void>;
};

export type StartAnvilOptions = {
  /** 0 picks a free port. */
  port?: number;
  chainId?: number;
  host?: string;
  /** Seconds between blocks; omit to mine on each transaction. */
  blockTime?: number;
  accounts?: number;
  /** Give up if anvil has not said where it listens after this long. */
  timeoutMs?: number;
};

export class AnvilStartError extends BaseError {
  override name = "AnvilStartError";
}

/** Path of the anvil binary shipped in the platform package of `@foundry-rs/anvil`. */
export function anvilBinary(): string {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  const platform = { linux: "linux", darwin: "darwin", win32: "win32" }[process.platform as string];
  if (!arch || !platform) {
    throw new AnvilStartError(`anvil is not shipped for ${process.platform}/${process.arch}`, {
      hint: "Run w3o on linux or macOS (x64 or arm64), or point LOCAL_RPC_URL at a devnet you start yourself.",
    });
  }
  const pkg = `@foundry-rs/anvil-${platform}-${arch}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "bin", platform === "win32" ? "anvil.exe" : "anvil");
  } catch (cause) {
    throw new AnvilStartError(`${pkg} is not installed`, {
      hint: "Run npm ci: @foundry-rs/anvil installs it as an optional dependency.",
      cause,
    });
  }
}

/** Derives the dev accounts anvil funds from its public mnemonic. */
export function devAccounts(count = 10): DevAccount[] {
  // The seed (PBKDF2, ~10 ms in JS) is computed once, not once per account, and accounts are kept.
  devRoot ??= HDNodeWallet.fromSeed(Mnemonic.fromPhrase(ANVIL_MNEMONIC).computeSeed());
  for (let i = derived.length; i < count; i++) {
    const w = devRoot.derivePath(`m/44'/60'/0'/0/${i}`);
    derived.push({ address: w.address, privateKey: w.privateKey });
  }
  return derived.slice(0, count).map((a) => ({ ...a }));
}
let devRoot: HDNodeWallet | undefined;
const derived: DevAccount[] = [];

/** Starts a real anvil node and resolves once it listens. Always call `stop()`. */
export async function startAnvil(opts: StartAnvilOptions = {}): Promise<Anvil> {
  const host = opts.host ?? "127.0.0.1";
  const chainId = opts.chainId ?? 31337;
  const accounts = opts.accounts ?? 10;
  const args = [
    "--host",
    host,
    "--port",
    String(opts.port ?? 0),
    "--chain-id",
    String(chainId),
    "--accounts",
    String(accounts),
    "--mnemonic",
    ANVIL_MNEMONIC,
  ];
  if (opts.blockTime !== undefined) args.push("--block-time", String(opts.blockTime));
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });

  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => fail(new AnvilStartError("anvil did not start in time", { details: output.slice(-2000) })),
      opts.timeoutMs ?? 15_000,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/Listening on [^\s]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.once("error", (cause) => fail(new AnvilStartError("anvil could not be started", { cause })));
    child.once("exit", (code) =>
      fail(new AnvilStartError(`anvil exited with code ${code} before listening`, { details: output.slice(-2000) })),
    );
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });
    return stopped;
  };
  return { url: `http://${host}:${port}`, port, chainId, accounts: devAccounts(accounts), process: child, stop };
}
