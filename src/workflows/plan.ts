import { Interface, keccak256, toUtf8Bytes } from "ethers";
import { chains } from "../chains/index.js";
import { compileUnits } from "../compile/index.js";
import type { Artifact, CompileOptions } from "../compile/types.js";
import { ConfigError, type Diagnostic } from "../config/diagnostics.js";
import type { Model, Workflow } from "../config/model.js";
import { canonicalJson } from "../plan/index.js";
import type { DeploymentRecord } from "../state/record.js";
import { workflowKinds } from "./index.js";
import type { WorkflowInput, WorkflowTx, WorkflowValue } from "./types.js";

/** What the record says a workflow transaction did (deployments/<env>/<network>.json `workflows`). */
export type RecordedWorkflowTx = { fingerprint: string; txHash: string; blockNumber: number; address?: string };

export type PlannedTx = WorkflowTx & {
  /** send: apply sends it; done: the record has it, sent with these inputs; changed: the record has it with others (refused). */
  status: "send" | "done" | "changed";
  /** Hash of what the tx does as declared (code or function, arguments, sender account). */
  fingerprint: string;
  recorded?: RecordedWorkflowTx;
};

export type PlannedWorkflow = {
  name: string;
  kind: string;
  network: string;
  chainId: number;
  from: { account: string; address?: string };
  txs: PlannedTx[];
  /** Set for a kind the config accepts but no planner runs yet: nothing is sent for it. */
  notRun?: string;
  /** Why apply must refuse it (a transaction already sent with other inputs). */
  problems?: string[];
};

/** Compiled workflow contracts, keyed `source:contract`. */
export type WorkflowArtifacts = Record<string, Artifact>;

type Inputs = { name: string; workflow: Workflow; input: WorkflowInput<unknown> };

/** The workflows of an environment with the files their kinds read, checked: a ConfigError lists every problem at its file:line:col. */
export async function loadWorkflows(model: Model, envName: string, read: (file: string) => Promise<string>): Promise<Inputs[]> {
  const out: Inputs[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of Object.keys(model.workflows).sort()) {
    const workflow = model.workflows[name] as Workflow;
    if (!workflow.environments.includes(envName)) continue;
    const kind = workflowKinds[workflow.kind];
    const files: Record<string, string> = {};
    for (const f of kind?.files(workflow) ?? []) {
      files[f] = await read(f).catch((e: NodeJS.ErrnoException) => {
        diagnostics.push({
          ...fileOf(model, name),
          severity: "error",
          code: "file-missing",
          message: `workflows.${name} reads ${f}, which ${e.code === "ENOENT" ? "does not exist" : `cannot be read (${e.code})`}`,
          hint: "Paths are relative to the repo root; add the file or fix the path.",
        });
        return "";
      });
    }
    const input = { name, workflow, model, files };
    if (kind && !diagnostics.length) diagnostics.push(...kind.check(input));
    out.push({ name, workflow, input });
  }
  if (diagnostics.some((d) => d.severity === "error")) throw new ConfigError(diagnostics);
  return out;
}

const fileOf = (model: Model, name: string) => {
  const file = model.origins[`workflows.${name}`] ?? "w3o.yaml";
  return { file, ...(model.files[file]?.locate(["workflows", name]) ?? { line: 1, col: 1 }) };
};

/** One solc run for every workflow's contracts (w3o's generated units and the packages' ones), through the compile cache. */
export async function compileWorkflows(model: Model, list: Inputs[], opts: CompileOptions = {}): Promise<WorkflowArtifacts> {
  const generated: Record<string, string> = {};
  const wanted: { source: string; name: string }[] = [];
  for (const w of list) {
    const src = workflowKinds[w.workflow.kind]?.sources(w.input);
    if (!src) continue;
    Object.assign(generated, src.generated);
    for (const c of src.contracts) wanted.push({ source: c.source, name: c.contract });
  }
  if (!wanted.length) return {};
  const units = await compileUnits(model, wanted, { ...opts, generated });
  return Object.fromEntries(wanted.map((w) => [`${w.source}:${w.name}`, units.pick(w.source, w.name)]));
}

/** EVM networks of the environment a workflow runs on. */
function networksOf(model: Model, envName: string, w: Workflow): string[] {
  const all = (model.environments[envName]?.networks ?? []).filter((n) => {
    const net = model.networks[n];
    return net !== undefined && chains[net.chain].evm;
  });
  return w.networks ? all.filter((n) => w.networks?.includes(n)) : all;
}

/**
 * The transactions each workflow sends on each network, in order, and which of them the record says
 * were sent already (those are never sent again). Pure.
 */
export function planWorkflows(
  model: Model,
  envName: string,
  list: Inputs[],
  artifacts: WorkflowArtifacts,
  records: Record<string, DeploymentRecord | undefined>,
  deployers: Record<string, string>,
  /** Accounts whose address is known while planning: their references are shown and fingerprinted as addresses. */
  accounts: Record<string, string> = {},
): PlannedWorkflow[] {
  const known = (v: WorkflowValue): WorkflowValue =>
    Array.isArray(v)
      ? v.map(known)
      : typeof v === "object" && "$ref" in v && v.$ref.startsWith("accounts.")
        ? (accounts[v.$ref.slice("accounts.".length)] ?? v)
        : v;
  const out: PlannedWorkflow[] = [];
  for (const w of list) {
    const kind = workflowKinds[w.workflow.kind];
    for (const network of networksOf(model, envName, w.workflow)) {
      const chainId = model.networks[network]?.chainId ?? 0;
      const from = { account: w.workflow.from, ...(deployers[w.workflow.from] ? { address: deployers[w.workflow.from] } : {}) };
      if (!kind) {
        out.push({
          name: w.name,
          kind: w.workflow.kind,
          network,
          chainId,
          from,
          txs: [],
          notRun: `w3o does not run ${w.workflow.kind} workflows yet: nothing is sent for it`,
        });
        continue;
      }
      const recorded = records[network]?.workflows?.[w.name]?.txs ?? {};
      const problems: string[] = [];
      const txs = kind.plan(w.input).map((declared): PlannedTx => {
        const tx = { ...declared, args: declared.args.map(known) } as WorkflowTx;
        if (tx.kind === "call") tx.effects = tx.effects?.map((e) => ({ ...e, holder: known(e.holder) }));
        const fingerprint = fingerprintOf(tx, w.workflow.from, artifacts);
        const rec = recorded[tx.id];
        const status = !rec ? "send" : rec.fingerprint === fingerprint ? "done" : "changed";
        if (status === "changed")
          problems.push(
            `${tx.id} was sent (${rec?.txHash}) with other inputs than the repo now declares; a workflow never sends a transaction twice: revert the change, or give the workflow a new name to run it anew`,
          );
        return { ...tx, status, fingerprint, ...(rec ? { recorded: rec } : {}) };
      });
      out.push({ name: w.name, kind: w.workflow.kind, network, chainId, from, txs, ...(problems.length ? { problems } : {}) });
    }
  }
  return out;
}

function fingerprintOf(tx: WorkflowTx, from: string, artifacts: WorkflowArtifacts): string {
  const what =
    tx.kind === "deploy"
      ? { kind: "deploy", code: artifacts[`${tx.source}:${tx.contract}`]?.codeHash ?? null, args: tx.args }
      : {
          kind: "call",
          target: tx.target,
          fn: Interface.from([tx.signature]).fragments[0]?.format("sighash") ?? tx.signature,
          args: tx.args,
        };
  return keccak256(toUtf8Bytes(canonicalJson({ ...what, from })));
}

/** A value as the plan prints it: references as written in the repo, `$tx` as what that transaction deploys. */
export function formatValue(v: WorkflowValue, labels: Record<string, string> = {}): string {
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, labels)).join(", ")}]`;
  if (typeof v === "object") return "$ref" in v ? `\${${v.$ref}}` : `(${labels[v.$tx] ?? v.$tx})`;
  return typeof v === "string" && !/^(0x[0-9a-fA-F]*|\d+)$/.test(v) ? JSON.stringify(v) : String(v);
}
