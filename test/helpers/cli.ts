import { vi } from "vitest";
import { run } from "../../src/cli/program.js";

/** Runs the CLI in-process with extra environment variables; returns its exit code and stdout. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    return { code: await run(["node", "w3o", ...args]), stdout };
  } finally {
    spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  }
}
