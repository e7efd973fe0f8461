import { Rpc } from "../chains/evm/client.js";
import { RpcError } from "../chains/evm/rpc.js";
import { chains } from "../chains/index.js";
import type { ProbeResult } from "../chains/types.js";
import type { Model } from "../config/model.js";
import { BaseError, redactUrl } from "../errors/index.js";
import { renderInput } from "../render/context.js";
import { type Interrupted, opLine } from "../state/interrupted.js";
import { type DeploymentRecord, recordPath } from "../state/record.js";
import { RecordError, readRecord } from "../state/records.js";
import { checkContracts, type ImmutablesOf } from "./contracts.js";
import { type Check, failed, type NetworkReport, type VerifyReport } from "./types.js";

export type VerifyOptions = {
  env: Record<string, string | undefined>;
  now?: number;
  immutables?: ImmutablesOf;
  /** What an interrupted apply left (read by the caller from the state database): verification fails until it is finished. */
  interrupted?: Interrupted;
};

/**
 * Post-deployment validation of an environment: every network answers on its RPC, is the
 * right chain, is synced or syncing, has peers and a fresh head; every recorded contract has
 * its code, owner and implementation. Networks are checked concurrently.
 */
export async function verify(model: Model, envName: string, opts: VerifyOptions): Promise<VerifyReport> {
  renderInput(model, envName); // the same unknown-environment error as render
  const names = [...model.environments[envName]!.networks].sort();
  const networks = await Promise.all(names.map((n) => verifyNetwork(model, envName, n, opts)));
  const ok = !opts.interrupted && networks.every((n) => !failed(n.checks) && n.contracts.every((c) => !failed(c.checks)));
  return { environment: envName, ok, networks, ...(opts.interrupted ? { interrupted: opts.interrupted } : {}) };
}

async function verifyNetwork(model: Model, envName: string, name: string, opts: VerifyOptions): Promise<NetworkReport> {
  const network = model.networks[name]!;
  const report: NetworkReport = { network: name, chain: network.chain, checks: [], contracts: [] };
  const url = opts.env[network.rpc.env] || network.rpc.default;
  if (!url) {
    report.checks.push({ check: "rpc", status: "fail", message: `no RPC URL: set ${network.rpc.env}` });
    return report;
  }
  report.rpc = redactUrl(url);
  // Verify talks to nodes of any kind, public ones included: batches of 100 unless the network says, no retries
  // (a node that does not answer at once fails its check), 10 s per request.
  const rpc = new Rpc(url, { batchLimit: network.rpc.batchLimit ?? 100, retries: 0, timeoutMs: 10_000, label: `network "${name}"` });
  let state: ProbeResult;
  try {
    state = await chains[network.chain].probe(rpc, network, opts.now ?? Date.now());
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    report.checks.push({ check: "rpc", status: "fail", message: e.shortMessage });
    return report;
  }
  report.checks.push(...state.checks);
  report.headAgeSeconds = state.headAgeSeconds;
  if (!chains[network.chain].evm) return report;
  const unrecorded = opts.interrupted?.networks.find((n) => n.network === name)?.ops ?? [];
  if (unrecorded.length) {
    report.checks.push({
      check: "journal",
      status: "fail",
      message: `an interrupted apply sent ${unrecorded.length} transaction(s) that no record covers; finish it: ${opts.interrupted!.finish}`,
    });
    for (const o of unrecorded) report.checks.push({ check: "unrecorded", status: "fail", message: opLine(o) });
  }
  const record = await recordOf(model.dir, envName, name, report.checks, unrecorded.length > 0);
  if (!record) return report;
  if (!state.chainOk) {
    report.checks.push({ check: "contracts", status: "fail", message: "not checked: the RPC serves another chain" });
    return report;
  }
  if (record.chainId !== network.chainId) {
    report.checks.push({
      check: "record",
      status: "fail",
      message: `record is for chain id ${record.chainId}, network is ${network.chainId}`,
    });
    return report;
  }
  try {
    report.contracts = await checkContracts(rpc, name, record, opts.immutables);
  } catch (e) {
    if (!(e instanceof BaseError)) throw e;
    report.checks.push({ check: "contracts", status: "fail", message: `cannot read the contracts: ${e.shortMessage}` });
  }
  return report;
}

/** The network's record, read as plan reads it; a record that cannot be read is a failed check, in plan's words. */
async function recordOf(dir: string, env: string, network: string, checks: Check[], unrecorded: boolean) {
  let record: DeploymentRecord | undefined;
  try {
    record = await readRecord(dir, env, network);
  } catch (e) {
    if (!(e instanceof RecordError)) throw e;
    const why = [e.details, ...e.metaMessages].filter(Boolean).join("; ");
    checks.push({ check: "record", status: "fail", message: `${e.shortMessage}${why ? `: ${why}` : ""}` });
    return undefined;
  }
  // After a crash, contracts may well be deployed: only the record is missing.
  if (!record) {
    checks.push({
      check: "record",
      status: "ok",
      message: `no ${recordPath(env, network)}: ${unrecorded ? "nothing recorded yet" : "nothing deployed yet"}`,
    });
  }
  return record;
}

export type { VerifyReport } from "./types.js";
