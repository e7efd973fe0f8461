import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startDevnet } from "../src/devnet/index.js";
import type { BenchResult } from "./types.js";

/** Devnet start-up with a cold compile cache (solc compiles Multicall3) against a warm one. */
export async function benchDevnet(): Promise<BenchResult> {
  const cache = await mkdtemp(path.join(os.tmpdir(), "w3o-bench-cache-"));
  const previous = process.env.W3O_CACHE_DIR;
  process.env.W3O_CACHE_DIR = cache;
  const time = async () => {
    const t0 = performance.now();
    const devnet = await startDevnet({ port: 0 });
    const ms = performance.now() - t0;
    await devnet.stop();
    return ms;
  };
  try {
    const cold = await time();
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await time());
    const warmMedian = warm.sort((a, b) => a - b)[1] as number;
    return {
      name: "devnet start (anvil + Multicall3)",
      rows: [
        { label: "cold cache (compile Multicall3)", ms: cold },
        { label: "warm cache (median of 3)", ms: warmMedian },
      ],
      summary: `warm start is ${(cold / warmMedian).toFixed(1)}× faster than cold`,
    };
  } finally {
    if (previous === undefined) delete process.env.W3O_CACHE_DIR;
    else process.env.W3O_CACHE_DIR = previous;
    await rm(cache, { recursive: true, force: true });
  }
}
