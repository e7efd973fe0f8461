import type { Kysely } from "kysely";
import type { StateDb } from "../state/schema.js";
import type { IntentEvent, JournalEvent, ReceiptEvent, TxSignedEvent } from "./events.js";

export type { JournalEvent } from "./events.js";

export type StepStatus = "intent" | "signed" | "sent" | "mined" | "verified" | "failed";

/** What the journal says about one step, replayed from its events. */
export type StepState = {
  step: string;
  status: StepStatus;
  intent: IntentEvent;
  /** Every tx signed for the step: the first one and its fee-bumped replacements (same nonce). */
  txs: TxSignedEvent[];
  sent: string[];
  receipt?: ReceiptEvent;
  checks?: string[];
  error?: string;
};

export type JournalState = {
  steps: Map<string, StepState>;
  /** Steps started over (voided or redeployed), with how often: useful in reports. */
  restarts: Map<string, number>;
  record?: unknown;
};

/**
 * Replays events into per-step state. Pure, like Ignition's reducer: the same events always give
 * the same state, so resume decisions can be tested without a chain or a database.
 */
export function reduceJournal(events: readonly JournalEvent[]): JournalState {
  const steps = new Map<string, StepState>();
  const restarts = new Map<string, number>();
  let record: unknown;
  for (const e of events) {
    if (e.type === "record") {
      record = e.record;
      // What the record holds is settled: git has it now, and a later change to the same step is a new deploy, not a mismatch.
      for (const step of e.settled ?? []) steps.delete(step);
      continue;
    }
    if (e.type === "intent") {
      steps.set(e.step, { step: e.step, status: "intent", intent: e, txs: [], sent: [] });
      continue;
    }
    const s = steps.get(e.step);
    if (!s) continue;
    switch (e.type) {
      case "tx-signed":
        s.txs.push(e);
        if (s.status === "intent") s.status = "signed";
        break;
      case "tx-sent":
        if (!s.sent.includes(e.hash)) s.sent.push(e.hash);
        if (s.status === "signed") s.status = "sent";
        break;
      case "receipt":
        s.receipt = e;
        s.status = "mined";
        break;
      case "verified":
        s.checks = e.checks;
        s.status = "verified";
        break;
      case "failed":
        s.error = e.message;
        s.status = "failed";
        break;
      case "voided":
      case "redeploy":
        steps.delete(e.step);
        restarts.set(e.step, (restarts.get(e.step) ?? 0) + 1);
        break;
    }
  }
  return { steps, restarts, record };
}

export type Scope = { project: string; environment: string; network: string };

/** The journal of one (project, environment, network), stored in the state database. */
export class Journal {
  constructor(
    private readonly db: Kysely<StateDb>,
    readonly scope: Scope,
    /** Called with each event once it is durable (committed): the crash tests kill the process there. */
    private readonly onDurable?: (event: JournalEvent) => void,
  ) {}

  async load(): Promise<JournalEvent[]> {
    const rows = await this.db
      .selectFrom("journal")
      .select(["data"])
      .where("project", "=", this.scope.project)
      .where("environment", "=", this.scope.environment)
      .where("network", "=", this.scope.network)
      .orderBy("id")
      .execute();
    return rows.map((r) => JSON.parse(r.data) as JournalEvent);
  }

  /** Appends events in one transaction: one fsync for a whole wave of txs, and all-or-nothing. */
  async append(...events: JournalEvent[]): Promise<void> {
    if (events.length === 0) return;
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("journal")
        .values(events.map((e) => ({ ...this.scope, step: e.step, type: e.type, data: JSON.stringify(e), at })))
        .execute();
    });
    if (this.onDurable) for (const e of events) this.onDurable(e);
  }
}
