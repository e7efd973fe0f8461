import { Listr } from "listr2";
import type { ApplyEvent } from "../apply/index.js";
import { renderPlan } from "../report/plan.js";
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
    case "compile-start":
      return e.cached
        ? undefined // compile-done follows at once and says so
        : `compiling ${e.sources} sources (${e.contracts} contracts) with solc ${e.compiler}…`;
    case "compile-done":
      return `${e.fromCache ? `${e.contracts} contracts unchanged: compiled code from the cache` : `compiled ${e.contracts} contracts`} (${seconds(e.durationMs)}${e.warnings ? `, ${e.warnings} warning(s)` : ""})`;
    case "waiting":
      return `  … ${waitingLine(e)}`;
    case "tx-stuck":
      return `  ⧗ ${stuckLine(e)}`;
    default:
      return undefined;
  }
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const shortHash = (h: string) => `${h.slice(0, 10)}…`;
/** Gwei as people read it: at most 3 decimals. */
const gweiShort = (g: string) => `${Number(Number(g).toFixed(3))} gwei`;
/** Local wall-clock time, HH:MM:SS. */
const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

/** "waiting for tx 0xabc… (local/Token#deploy): 1 of 2 confirmations", "waiting for 3 transactions: 2 at 0 of 2, 1 at 1 of 2 confirmations". */
function waitingLine(e: Extract<ApplyEvent, { type: "waiting" }>): string {
  const [only] = e.txs;
  const what = e.txs.length === 1 && only ? `tx ${shortHash(only.hash)} (${only.op})` : `${e.txs.length} transactions`;
  if (e.required === 1) return `waiting for ${what} to be mined`;
  const groups = new Map<number, number>();
  for (const t of e.txs) groups.set(t.confirmations, (groups.get(t.confirmations) ?? 0) + 1);
  const depths = [...groups.entries()].sort(([a], [b]) => a - b);
  const of = (c: number) => `${c} of ${e.required}`;
  const text = depths.length === 1 ? of(depths[0]![0]) : depths.map(([c, n]) => `${n} at ${of(c)}`).join(", ");
  return `waiting for ${what}: ${text} confirmations`;
}

/** "tx 0xabc… (nonce 7, local/Token#deploy) stuck for 30 s at 2.5 gwei; bumping to 2.8 gwei at 14:02:11". */
function stuckLine(e: Extract<ApplyEvent, { type: "tx-stuck" }>, now = Date.now()): string {
  const head = `tx ${shortHash(e.hash)} (nonce ${e.nonce}, ${e.op}) stuck for ${seconds(Math.max(0, now - Date.parse(e.since)))} at ${gweiShort(e.feeGwei)}`;
  if (e.capped || !e.bumpAt || !e.bumpToGwei)
    return `${head}; the fee cap${e.maxFeeGwei !== undefined ? ` (gas.maxFeeGwei ${e.maxFeeGwei})` : ""} leaves no room: not bumped, it waits`;
  return `${head}; bumping to ${gweiShort(e.bumpToGwei)} at ${clock(e.bumpAt)}`;
}
