import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    // Many tests run the CLI in child processes against anvil and solc: idle, the slowest take ~15 s; on a
    // loaded 2-core machine (load 10) the same tests took 58-66 s. The limit catches hangs, not slowness.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Tests start real anvil nodes and compilers: two workers fit the 2-core machines CI runs on.
    maxWorkers: 2,
  },
});
