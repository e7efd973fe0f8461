import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MULTICALL3_ADDRESS } from "../chains/evm/multicall.js";
import { cacheDir } from "../compile/cacheDir.js";
import { loadSolc } from "../compile/solc.js";
import { BaseError } from "../errors/index.js";

const SOLC_VERSION = "0.8.28";

/**
 * Multicall3.sol sits next to this module in a checkout (src/devnet/); a built CLI runs from a chunk
 * in dist/, so it walks up to the package root, which ships src/devnet/Multicall3.sol.
 */
function sourceFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(here, "Multicall3.sol"))) return path.join(here, "Multicall3.sol");
  for (let dir = here; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const shipped = path.join(dir, "src", "devnet", "Multicall3.sol");
    if (existsSync(shipped)) return shipped;
  }
  throw new BaseError("cannot find Multicall3.sol", { hint: "Reinstall w3o: the package ships src/devnet/Multicall3.sol." });
}

/**
 * Runtime bytecode of our Multicall3-ABI contract, compiled with solc and cached by
 * the hash of its source and compiler, so a devnet starts without recompiling.
 */
export async function multicall3RuntimeCode(): Promise<string> {
  const source = await readFile(sourceFile(), "utf8");
  const key = createHash("sha256").update(`${SOLC_VERSION}\n${source}`).digest("hex").slice(0, 16);
  const file = path.join(cacheDir(), `multicall3-${key}.hex`);
  const cached = await readFile(file, "utf8").catch(() => undefined);
  if (cached) return cached;

  const input = {
    language: "Solidity",
    sources: { "Multicall3.sol": { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "cancun",
      outputSelection: { "*": { Multicall3: ["evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(loadSolc(SOLC_VERSION).compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length)
    throw new BaseError("Multicall3 failed to compile", {
      details: errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n"),
    });
  const code = `0x${output.contracts["Multicall3.sol"].Multicall3.evm.deployedBytecode.object}`;

  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, code);
  await rename(tmp, file); // atomic: parallel test workers never read half a file
  return code;
}

/** Puts Multicall3 at its canonical address on an anvil node (anvil has none by default). */
export async function installMulticall3(rpcUrl: string): Promise<void> {
  const code = await multicall3RuntimeCode();
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_setCode", params: [MULTICALL3_ADDRESS, code] }),
  });
  const body = (await res.json()) as { error?: { message: string } };
  if (body.error) throw new BaseError("could not install Multicall3 on the devnet", { details: body.error.message });
}
