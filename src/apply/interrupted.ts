import type { Kysely } from "kysely";
import type { Model } from "../config/model.js";
import type { Interrupted, UnrecordedOp } from "../state/interrupted.js";
import type { StateDb } from "../state/schema.js";
import type { StateStore } from "../state/store.js";
import { compareStrings } from "../util/compare.js";
import type { JournalEvent } from "./events.js";
import { type JournalState, reduceJournal } from "./journal.js";
import { readLock, staleReason } from "./lock.js";

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
 * Reads the state store (never taking the lock: plan and verify must work while an apply runs or
 * after one died) and says what an interrupted apply left, or undefined when the environment is
 * clean: no lock held and every sent op recorded. A store without a journal yet is clean.
 */
export async function readInterrupted(
  db: Kysely<StateDb>,
  scope: { project: string; environment: string; networks: string[] },
  finish: string,
): Promise<Interrupted | undefined> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === "journal")) return undefined;
  const lock = await readLock(db, scope);
  const rows = await db
    .selectFrom("journal")
    .select(["network", "data"])
    .where("project", "=", scope.project)
    .where("environment", "=", scope.environment)
    .orderBy("id")
    .execute();
  const byNetwork = new Map<string, JournalEvent[]>();
  for (const r of rows) {
    const list = byNetwork.get(r.network) ?? [];
    list.push(JSON.parse(r.data) as JournalEvent);
    byNetwork.set(r.network, list);
  }
  const networks = scope.networks
    .map((network) => ({ network, ops: unrecordedOps(reduceJournal(byNetwork.get(network) ?? [])) }))
    .filter((n) => n.ops.length);
  if (!lock && !networks.length) return undefined;
  const stale = lock && staleReason(lock);
  return {
    lock: lock && { ...lock, gone: stale !== undefined, ...(stale === "lease-expired" ? { leaseExpired: true } : {}) },
    networks,
    finish,
  };
}

/**
 * readInterrupted for an environment of a loaded repo, as plan and verify call it (`dir` as the user
 * typed it, and `state` as given with --state, for the command); no store means nothing was ever applied.
 */
export async function readEnvInterrupted(
  model: Model,
  env: string,
  store: StateStore | undefined,
  o: { dir?: string; state?: string } = {},
): Promise<Interrupted | undefined> {
  if (!store) return undefined;
  const networks = model.environments[env]?.networks ?? [];
  const finish = `${finishCommand(env, o.dir)}${o.state ? ` --state ${o.state}` : ""}`;
  return readInterrupted(store.db, { project: model.project, environment: env, networks }, finish);
}
