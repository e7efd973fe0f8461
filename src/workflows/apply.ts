import { getAddress, Interface, type InterfaceAbi } from "ethers";
import type { ExecOptions } from "../apply/executor.js";
import { execute } from "../apply/executor.js";
import { memoizeBuild, type Op, type OpResult } from "../apply/ops.js";
import { encodeConstructorArgs } from "../chains/evm/abi.js";
import { keccakHex } from "../crypto/native.js";
import { BaseError } from "../errors/index.js";
import type { DeploymentRecord } from "../state/record.js";
import type { RecordSink } from "../state/records.js";
import type { PlannedTx, PlannedWorkflow, WorkflowArtifacts } from "./plan.js";
import type { WorkflowTarget, WorkflowValue } from "./types.js";

/** The journal step id of a workflow transaction: unique beside contract steps (`network/Contract#…`). */
export const workflowOpId = (w: Pick<PlannedWorkflow, "network" | "name">, txId: string) => `${w.network}/wf:${w.name}#${txId}`;

type Resolve = { accounts: Record<string, string>; contracts: Record<string, string> };

/**
 * The ops of one workflow's pending transactions. Transactions the record has are not ops: their
 * addresses come from the record, and nothing is sent for them.
 */
export function workflowOps(w: PlannedWorkflow, artifacts: WorkflowArtifacts, known: Resolve): Op[] {
  const from = w.from.address;
  if (!from) throw new BaseError(`workflows.${w.name}: the account "${w.from.account}" has no address to send from`);
  const byId = new Map(w.txs.map((t) => [t.id, t]));
  const pending = (id: string) => byId.get(id)?.status === "send";
  const ops: Op[] = [];
  for (const tx of w.txs) {
    if (tx.status !== "send") continue;
    const id = workflowOpId(w, tx.id);
    const refs = new Set<string>();
    collect(tx.kind === "call" ? [...tx.args, targetValue(tx.target)] : tx.args, refs);
    const needs = [...refs].filter(pending).map((r) => workflowOpId(w, r));
    const after = tx.after.filter(pending).map((r) => workflowOpId(w, r));
    const value = (v: WorkflowValue, addressOf: (op: string) => string): unknown => {
      if (Array.isArray(v)) return v.map((x) => value(x, addressOf));
      if (typeof v !== "object") return v;
      if ("$tx" in v) {
        const dep = byId.get(v.$tx);
        const addr = dep?.status === "done" ? dep.recorded?.address : addressOf(workflowOpId(w, v.$tx));
        if (!addr) throw new BaseError(`workflows.${w.name}: ${v.$tx} has no recorded address`);
        return addr;
      }
      const [kind, name] = v.$ref.split(".") as ["contracts" | "accounts", string];
      const addr = kind === "accounts" ? known.accounts[name] : known.contracts[name];
      if (!addr)
        throw new BaseError(`workflows.${w.name} needs the address of ${kind}.${name}, which is not known on ${w.network}`, {
          hint:
            kind === "contracts"
              ? `Declare contracts.${name} on ${w.network} (apply deploys it first).`
              : `Give accounts.${name} an address: or a signer:.`,
        });
      return getAddress(addr);
    };
    const head = { id, contract: `wf:${w.name}`, from, summary: `${w.name}: ${tx.summary}`, needs, after };
    ops.push(memoizeBuild(tx.kind === "deploy" ? deployOp(w, tx, artifacts, head, value) : callOp(tx, head, value)));
  }
  return ops;
}

const targetValue = (t: WorkflowTarget): WorkflowValue => ("address" in t ? t.address : t);

function collect(v: WorkflowValue | WorkflowValue[], into: Set<string>) {
  if (Array.isArray(v)) for (const x of v) collect(x, into);
  else if (typeof v === "object" && "$tx" in v) into.add(v.$tx);
}

type Value = (v: WorkflowValue, addressOf: (op: string) => string) => unknown;
/** What every op of a workflow transaction has, whatever it sends. */
type Head = Pick<Op, "id" | "contract" | "from" | "summary" | "needs" | "after">;

function deployOp(
  w: PlannedWorkflow,
  tx: Extract<PlannedTx, { kind: "deploy" }>,
  artifacts: WorkflowArtifacts,
  head: Head,
  value: Value,
): Op {
  const artifact = artifacts[`${tx.source}:${tx.contract}`];
  if (!artifact) throw new BaseError(`internal: no compiled ${tx.source}:${tx.contract} for workflows.${w.name}`);
  return {
    ...head,
    kind: "create",
    abis: [artifact.abi as InterfaceAbi],
    runtimeCode: artifact.deployedBytecode,
    build: (addressOf) => {
      const encodedArgs = encodeConstructorArgs(
        artifact.abi as readonly unknown[],
        tx.args.map((a) => value(a, addressOf)),
      );
      const data = `${artifact.bytecode}${encodedArgs.slice(2)}`;
      return { data, parts: { code: artifact.codeHash, init: keccakHex(data) }, encodedArgs };
    },
  };
}

function callOp(tx: Extract<PlannedTx, { kind: "call" }>, head: Head, value: Value): Op {
  const iface = new Interface([tx.signature]);
  const fn = iface.fragments[0] as unknown as { name: string };
  return {
    ...head,
    kind: "call",
    abis: [[tx.signature] as InterfaceAbi],
    build: (addressOf) => {
      const to = getAddress(value(targetValue(tx.target), addressOf) as string);
      const data = iface.encodeFunctionData(
        fn.name,
        tx.args.map((a) => value(a, addressOf)),
      );
      return { to, data, parts: { call: data.slice(0, 10), calldata: keccakHex(data) } };
    },
  };
}

export type WorkflowApplyResult = {
  network: string;
  results: Map<string, OpResult>;
  record: DeploymentRecord;
  failed: string[];
  sent: number;
};

/**
 * Runs a network's workflows through the journaled executor (a crash resumes from the journal), then
 * records each mined transaction, so that the next plan has nothing to send for them.
 */
export async function applyWorkflows(i: {
  workflows: PlannedWorkflow[];
  artifacts: WorkflowArtifacts;
  known: Resolve;
  base: DeploymentRecord;
  exec: ExecOptions;
  records: RecordSink;
}): Promise<WorkflowApplyResult> {
  const network = i.base.network;
  const ops = i.workflows.flatMap((w) => workflowOps(w, i.artifacts, i.known));
  const results = ops.length ? await execute(ops, i.exec) : new Map<string, OpResult>();
  const workflows = { ...(i.base.workflows ?? {}) };
  for (const w of i.workflows) {
    if (w.notRun) continue;
    const txs = { ...(workflows[w.name]?.txs ?? {}) };
    for (const tx of w.txs) {
      const r = results.get(workflowOpId(w, tx.id));
      if (r?.status !== "done" || !r.txHash) continue;
      txs[tx.id] = {
        fingerprint: tx.fingerprint,
        txHash: r.txHash,
        blockNumber: r.blockNumber ?? 0,
        ...(r.address ? { address: r.address } : {}),
      };
    }
    if (Object.keys(txs).length) workflows[w.name] = { kind: w.kind, txs };
  }
  const record: DeploymentRecord = { ...i.base, ...(Object.keys(workflows).length ? { workflows } : {}) };
  if (ops.length) {
    await i.records.write(record);
    const settled = [...results.values()].filter((r) => r.status === "done").map((r) => r.id);
    // Once the record holds them, the journal's steps are settled: the record is what the next run reads.
    await i.exec.journal.append({ type: "record", step: "$record", record, settled });
  }
  const failed = [...results.values()].filter((r) => r.status === "failed" || r.status === "blocked").map((r) => `${r.id}: ${r.message}`);
  return { network, results, record, failed, sent: ops.length };
}
