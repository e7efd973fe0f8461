import { keccak256, toUtf8Bytes } from "ethers";
import { BaseError } from "../errors/index.js";
import { compareStrings } from "../util/compare.js";
import type { IntentEvent } from "./events.js";
import type { BuiltTx, Op } from "./ops.js";

/** Hash of what a tx does; stored in its intent and compared on the next run. */
export function fingerprint(op: Pick<Op, "kind" | "from">, built: BuiltTx): string {
  const parts = Object.entries({ ...built.parts, kind: op.kind, sender: op.from.toLowerCase(), to: built.to?.toLowerCase() ?? "" })
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([k, v]) => `${k}=${v}`);
  return keccak256(toUtf8Bytes(parts.join("\n")));
}

export type Mismatch = { op: Op; intent: IntentEvent; differs: string[] };

/** The journal ran a step with other inputs than the repo now gives it. */
export class ReconcileError extends BaseError {
  override name = "ReconcileError";
  constructor(readonly mismatches: Mismatch[]) {
    const contracts = [...new Set(mismatches.map((m) => m.op.contract))];
    super(
      `${mismatches.length} step(s) already ran with other inputs than the repo now declares: ${mismatches.map((m) => m.op.id).join(", ")}`,
      {
        metaMessages: mismatches.map(
          (m) =>
            `${m.op.id}: ${m.intent.summary} (nonce ${m.intent.nonce}${m.intent.address ? `, ${m.intent.address}` : ""}) — now different ${m.differs.join(", ")}`,
        ),
        hint: `Either revert the change to let this apply resume, or redo just these: w3o apply --redeploy ${contracts.join(",")}`,
      },
    );
  }
}

/** Which parts of a step differ between its journaled intent and what the repo says now. */
export function differingParts(intent: IntentEvent & { parts?: Record<string, string> }, op: Op, built: BuiltTx): string[] {
  const before = intent.parts ?? {};
  const now: Record<string, string> = { ...built.parts, sender: op.from.toLowerCase(), target: built.to?.toLowerCase() ?? "(create)" };
  const keys = new Set([...Object.keys(before), ...Object.keys(now)]);
  const out = [...keys].filter((k) => before[k] !== undefined && before[k] !== now[k]);
  return out.length ? out : ["inputs"];
}
