import { describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/apply/events.js";
import { reduceJournal } from "../../src/apply/journal.js";

const intent = (step: string, nonce: number): JournalEvent => ({
  type: "intent",
  step,
  kind: "create",
  fingerprint: `0x${step}`,
  from: "0x01",
  nonce,
  address: `0xaddr${nonce}`,
  summary: step,
});
const signed = (step: string, hash: string, nonce: number): JournalEvent => ({
  type: "tx-signed",
  step,
  hash,
  nonce,
  raw: "0x02",
  gasLimit: "1",
  maxFeePerGas: "1",
  maxPriorityFeePerGas: "1",
});

describe("journal reducer", () => {
  it("follows a step through intent, signed, sent, mined, verified", () => {
    const events: JournalEvent[] = [intent("A", 0)];
    expect(reduceJournal(events).steps.get("A")?.status).toBe("intent");
    events.push(signed("A", "0xh1", 0));
    expect(reduceJournal(events).steps.get("A")?.status).toBe("signed");
    events.push({ type: "tx-sent", step: "A", hash: "0xh1" });
    expect(reduceJournal(events).steps.get("A")?.status).toBe("sent");
    events.push({ type: "receipt", step: "A", hash: "0xh1", blockNumber: 3, status: 1, gasUsed: "1", contractAddress: "0xaddr0" });
    const mined = reduceJournal(events).steps.get("A");
    expect(mined?.status).toBe("mined");
    expect(mined?.receipt?.contractAddress).toBe("0xaddr0");
    events.push({ type: "verified", step: "A", checks: ["code"] });
    expect(reduceJournal(events).steps.get("A")?.status).toBe("verified");
  });

  it("keeps every fee-bumped replacement of a tx, so any of them can be the one mined", () => {
    const s = reduceJournal([intent("A", 5), signed("A", "0xh1", 5), signed("A", "0xh2", 5), { type: "tx-sent", step: "A", hash: "0xh2" }]);
    expect(s.steps.get("A")?.txs.map((t) => t.hash)).toEqual(["0xh1", "0xh2"]);
  });

  it("starts a step over after voided or redeploy, and counts restarts", () => {
    const s = reduceJournal([
      intent("A", 0),
      { type: "voided", step: "A", reason: "never signed" },
      intent("A", 1),
      signed("A", "0xh", 1),
      { type: "receipt", step: "A", hash: "0xh", blockNumber: 1, status: 1, gasUsed: "1" },
      { type: "redeploy", step: "A", reason: "asked" },
    ]);
    expect(s.steps.has("A")).toBe(false);
    expect(s.restarts.get("A")).toBe(2);
  });

  it("ignores events of a step it has no intent for, and keeps the last record", () => {
    const s = reduceJournal([
      { type: "receipt", step: "ghost", hash: "0x", blockNumber: 1, status: 1, gasUsed: "1" },
      { type: "record", step: "$record", record: { v: 1 }, settled: [] },
      { type: "record", step: "$record", record: { v: 2 }, settled: ["A"] },
    ]);
    expect(s.steps.size).toBe(0);
    expect(s.record).toEqual({ v: 2 });
  });

  it("settles the steps a record covers, so a later run starts them fresh instead of reporting a mismatch", () => {
    const s = reduceJournal([intent("A", 0), intent("B", 1), { type: "record", step: "$record", record: {}, settled: ["A"] }]);
    expect(s.steps.has("A")).toBe(false);
    expect(s.steps.get("B")?.status).toBe("intent");
  });

  it("is pure: it never writes to the events it reads, and two reductions share no step state", () => {
    const events = [
      intent("A", 0),
      signed("A", "0xh", 0),
      intent("B", 1),
      { type: "record", step: "$record", record: { v: 1 }, settled: [] },
    ] as const;
    const before = structuredClone(events);
    const deepFreeze = (o: unknown): unknown => {
      if (o && typeof o === "object") for (const v of Object.values(Object.freeze(o))) deepFreeze(v);
      return o;
    };
    // Frozen input: any write to an event throws in strict mode instead of passing unnoticed.
    const frozen = reduceJournal(deepFreeze(structuredClone(events)) as never);
    const a = reduceJournal(events as never);
    expect(events).toEqual(before);
    expect(a).toEqual(frozen);
    // Changing one state's steps (as apply's executor does while it runs) leaves the next reduction untouched.
    a.steps.get("A")!.status = "failed";
    a.steps.delete("B");
    const b = reduceJournal(events as never);
    expect(b.steps.get("A")?.status).toBe("signed");
    expect(b).toEqual(frozen);
  });
});
