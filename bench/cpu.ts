import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time a process has had so far, in ms: the sum over its threads of the scheduler's on-CPU
 * nanoseconds (/proc/<pid>/task/<tid>/schedstat, Linux). With `mainThreadOnly`, just the thread
 * whose id is the pid: for this process, the event loop without the bench's proxy worker.
 * Returns NaN where /proc is not there.
 */
export function cpuMs(pid: number, { mainThreadOnly = false } = {}): number {
  try {
    const tids = mainThreadOnly ? [String(pid)] : readdirSync(`/proc/${pid}/task`);
    let ns = 0;
    for (const tid of tids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return ns / 1e6;
  } catch {
    return Number.NaN;
  }
}
