import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type { Model } from "../config/model.js";
import { defaultStatePath } from "../state/db.js";
import type { Interrupted, UnrecordedOp } from "../state/interrupted.js";
import { compareStrings } from "../util/compare.js";
import type { JournalEvent } from "./events.js";
import { type JournalState, reduceJournal } from "./journal.js";
import { holderGone, type LockInfo } from "./lock.js";

export type { Interrupted, UnrecordedOp } from "../state/interrupted.js";

const SHOWN = new Set(["signed", "sent", "mined", "verified"]);

/**
 * The ops a journal has sent (or may have sent) that its last record does not cover. Pure. An op
 * that only has an intent was never signed, so never sent; a failed one is reported by its run.
 */
export function unrecordedOps(state: JournalState): UnrecordedOp[] {
  const ops: UnrecordedOp[] = [];
  for (const s of state.steps.values()) {
    if (!SHOWN.has(s.status)) continue;
    const last = s.txs.at(-1);
    ops.push({
      op: s.step,
      step: s.step.split("#")[0]!,
      status: s.status === "verified" ? "mined" : (s.status as UnrecordedOp["status"]),
      nonce: s.intent.nonce,
      hash: s.receipt?.hash ?? last?.hash,
      address: s.receipt?.contractAddress ?? s.intent.address,
      block: s.receipt?.blockNumber,
    });
  }
  return ops.sort((a, b) => a.nonce - b.nonce || compareStrings(a.op, b.op));
}

/** `w3o apply [dir] --env X`: what settles an interrupted apply (resume finds every journaled tx). */
export const finishCommand = (env: string, dir = ".") => `w3o apply ${dir === "." ? "" : `${dir} `}--env ${env}`;

/**
 * Reads the state database read-only (never creating it, never taking the lock: plan and verify
 * must work while an apply runs or after one died) and says what an interrupted apply left, or
 * undefined when the environment is clean: no lock held and every sent op recorded.
 */
export function readInterrupted(
  statePath: string,
  scope: { project: string; environment: string; networks: string[] },
  finish: string,
): Interrupted | undefined {
  if (!existsSync(statePath)) return undefined;
  const db = new Database(statePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    if (!db.prepare("select 1 from sqlite_master where type = 'table' and name = 'journal'").get()) return undefined;
    const lock = db
      .prepare("select project, environment, holder, pid, since, command from locks where project = ? and environment = ?")
      .get(scope.project, scope.environment) as LockInfo | undefined;
    const events = db.prepare("select network, data from journal where project = ? and environment = ? order by id");
    const byNetwork = new Map<string, JournalEvent[]>();
    for (const row of events.iterate(scope.project, scope.environment) as Iterable<{ network: string; data: string }>) {
      const list = byNetwork.get(row.network) ?? [];
      list.push(JSON.parse(row.data) as JournalEvent);
      byNetwork.set(row.network, list);
    }
    const networks = scope.networks
      .map((network) => ({ network, ops: unrecordedOps(reduceJournal(byNetwork.get(network) ?? [])) }))
      .filter((n) => n.ops.length);
    if (!lock && !networks.length) return undefined;
    return { lock: lock && { ...lock, gone: holderGone(lock) }, networks, finish };
  } finally {
    db.close();
  }
}

/** readInterrupted for an environment of a loaded repo, as plan and verify call it (`dir` as the user typed it, for the command). */
export function readEnvInterrupted(model: Model, env: string, o: { dir?: string; state?: string } = {}): Interrupted | undefined {
  const networks = model.environments[env]?.networks ?? [];
  const finish = `${finishCommand(env, o.dir)}${o.state ? ` --state ${o.state}` : ""}`;
  return readInterrupted(o.state ?? defaultStatePath(model.dir), { project: model.project, environment: env, networks }, finish);
}
