import { Listr } from "listr2";
import type { ApplyEvent } from "../apply/index.js";
import { renderPlan } from "../plan/render.js";
import { out } from "./output.js";

/** Progress: a listr2 task per network on a terminal (op lines as its output), plain lines elsewhere. */
export class Progress {
  private resolveNet?: () => void;
  private listr?: Promise<unknown>;
  private current?: { output: string };
  constructor(private readonly tty: boolean) {}

  on(e: ApplyEvent): void {
    if (e.type === "plan") return void process.stdout.write(`${renderPlan(e.plan, out)}\n`);
    const line = describe(e);
    if (e.type === "network-start" && this.tty) {
      this.listr = new Listr(
        [
          {
            title: `${e.network}: ${e.ops} step(s)`,
            task: (_, task) =>
              new Promise<void>((resolve) => {
                this.current = task;
                this.resolveNet = resolve;
              }),
          },
        ],
        { rendererOptions: { collapseSubtasks: false } },
      ).run();
      return;
    }
    if (e.type === "network-done" && this.tty) {
      this.resolveNet?.();
      return;
    }
    if (!line) return;
    if (this.tty && this.current) this.current.output = line;
    else process.stdout.write(`${line}\n`);
  }

  async done(): Promise<void> {
    this.resolveNet?.();
    await this.listr;
  }
}

function describe(e: ApplyEvent): string | undefined {
  switch (e.type) {
    case "lock-taken-over":
      return e.reason === "lease-expired"
        ? `took over the lock of ${e.previous.holder} (pid ${e.previous.pid}${e.previous.runId ? `, run ${e.previous.runId}` : ""}), whose lease expired at ${e.previous.expires} without renewal: that run is gone (since ${e.previous.since}: ${e.previous.command})`
        : `took over the lock of pid ${e.previous.pid}, which is gone (${e.previous.holder} since ${e.previous.since}: ${e.previous.command})`;
    case "network-start":
      return `${e.network}: applying ${e.ops} step(s)`;
    case "op-start":
      return `  → ${e.op}: ${e.summary} (nonce ${e.nonce}${e.address ? `, at ${e.address}` : ""})`;
    case "op-sent":
      return `  ⇢ ${e.op}: sent ${e.hash}`;
    case "op-replaced":
      return `  ↻ ${e.op}: stuck, replaced by ${e.hash} (max fee ${e.maxFeePerGas} wei)`;
    case "op-done":
      return `  ✔ ${e.op}${e.address ? ` at ${e.address}` : ""}${e.block !== undefined ? ` (block ${e.block})` : ""}${e.resumed ? " (from the journal)" : ""}`;
    case "op-skipped":
      return `  – ${e.op}: ${e.reason}`;
    case "op-failed":
      return `  ✖ ${e.op}: ${e.message}`;
    case "verified":
      return e.problems.length ? `  ✖ ${e.contract}: ${e.problems.join("; ")}` : `  ✔ ${e.contract} verified (${e.checks.length} checks)`;
    case "network-done":
      return `${e.network}: record ${e.recordFile}`;
    default:
      return undefined;
  }
}
