import type { JournalEvent } from "../apply/events.js";

/**
 * The crash tests' hook, from W3O_TEST_CRASH_AT=`<event-type>:<n>`: SIGKILL right after the n-th
 * journal event of that type is durable. Read by the CLI only; the engine is handed the function.
 */
export function crashHook(spec: string | undefined): ((e: JournalEvent) => void) | undefined {
  if (!spec) return undefined;
  const [type, n] = spec.split(":");
  let left = Number(n ?? 1);
  return (e) => {
    if (e.type === type && --left === 0) process.kill(process.pid, "SIGKILL");
  };
}
