import type { LockInfo } from "../apply/lock.js";

/** A transaction the journal has for a step that no deployment record covers yet. */
export type UnrecordedOp = {
  /** The op's journal id, `${network}/${contract}#…`. */
  op: string;
  /** The plan step it belongs to, `${network}/${contract}`. */
  step: string;
  /** signed: may or may not have reached the node (write-ahead); sent: the node took it; mined: it has a receipt. */
  status: "signed" | "sent" | "mined";
  nonce: number;
  /** The last tx signed for it (a fee bump replaces the first). */
  hash?: string;
  /** The contract address it creates (from the receipt once mined, else predicted). */
  address?: string;
  block?: number;
};

/**
 * What an apply that did not finish left behind in one environment, read without the lock:
 * the lock it still holds (if it did not release it), and per network the ops it sent that no
 * record covers. `finish` is the one command that settles it all.
 */
export type Interrupted = {
  /** gone: its holder is known dead (its pid on this host, or leaseExpired: its lease lapsed unrenewed). */
  lock?: LockInfo & { gone: boolean; leaseExpired?: boolean };
  networks: { network: string; ops: UnrecordedOp[] }[];
  finish: string;
};

/** One line on who left the lock, for plan and verify. */
export function lockLine(lock: NonNullable<Interrupted["lock"]>): string {
  const who = `${lock.holder} (pid ${lock.pid}) since ${lock.since}: ${lock.command}${lock.runId ? ` (run ${lock.runId})` : ""}`;
  if (lock.leaseExpired)
    return `an apply was interrupted: the lock is still held by ${who}, and its lease expired at ${lock.expires} without renewal (the next apply takes the lock over)`;
  return lock.gone
    ? `an apply was interrupted: the lock is still held by ${who}, and pid ${lock.pid} is gone (the next apply takes the lock over)`
    : `an apply holds the lock: ${who}${lock.expires ? `, lease until ${lock.expires}` : ""} (while it runs, what follows is in flight rather than interrupted)`;
}

/** One line per unrecorded op. */
export function opLine(o: UnrecordedOp): string {
  const what = o.status === "mined" ? `mined in block ${o.block}` : o.status === "sent" ? "sent" : "signed, perhaps sent";
  return `${o.op}: ${what}, not recorded (nonce ${o.nonce}${o.hash ? `, tx ${o.hash}` : ""}${o.address ? `, at ${o.address}` : ""})`;
}

/**
 * The lines plan and verify print about an interrupted apply: who, what is unrecorded (but the ops
 * in `shown`, already printed at their step), the command that finishes it.
 */
export function interruptedLines(i: Interrupted, shown: ReadonlySet<string> = new Set()): string[] {
  const count = i.networks.reduce((n, net) => n + net.ops.length, 0);
  const lines: string[] = [];
  if (i.lock) lines.push(lockLine(i.lock));
  else lines.push("an apply was interrupted: it released its lock, but did not record what it sent");
  if (count) {
    lines.push(
      `${count} transaction(s) sent and not recorded; apply settles them (the same transactions: nothing is deployed twice)${shown.size ? "" : ":"}`,
      ...i.networks.flatMap((n) => n.ops.filter((o) => !shown.has(o.op)).map((o) => `  ${opLine(o)}`)),
    );
  }
  lines.push(i.lock && !i.lock.gone ? `If that apply is no longer running, finish it: ${i.finish}` : `To finish it: ${i.finish}`);
  return lines;
}
