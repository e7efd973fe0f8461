import { readFile } from "node:fs/promises";
import path from "node:path";
import { chains } from "../chains/index.js";
import type { Model } from "../config/model.js";
import { redactUrl } from "../errors/index.js";
import { renderInput } from "../render/context.js";
import { type Interrupted, opLine } from "../state/interrupted.js";
import { deploymentRecord, recordPath } from "../state/record.js";
import { checkContracts, type ImmutablesOf } from "./contracts.js";
import { checkEvm, checkSolana, checkSubstrate, type NetworkState } from "./network.js";
import { RpcUnreachableError } from "./rpc.js";
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
  let state: NetworkState;
  try {
    const evm = chains[network.chain].evm;
    state = evm
      ? await checkEvm(url, network, opts.now ?? Date.now())
      : network.chain === "solana"
        ? await checkSolana(url, network)
        : await checkSubstrate(url, network);
  } catch (e) {
    if (!(e instanceof RpcUnreachableError)) throw e;
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
  const record = await readRecord(model.dir, envName, name, report.checks, unrecorded.length > 0);
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
  }
  report.contracts = await checkContracts(url, record, { batchLimit: network.rpc.batchLimit, immutables: opts.immutables });
  return report;
}

async function readRecord(dir: string, env: string, network: string, checks: Check[], unrecorded: boolean) {
  const rel = recordPath(env, network);
  let text: string;
  try {
    text = await readFile(path.join(dir, rel), "utf8");
  } catch {
    // After a crash, contracts may well be deployed: only the record is missing.
    checks.push({ check: "record", status: "ok", message: `no ${rel}: ${unrecorded ? "nothing recorded yet" : "nothing deployed yet"}` });
    return undefined;
  }
  const parsed = deploymentRecord.safeParse(JSON.parse(text));
  if (!parsed.success) {
    checks.push({
      check: "record",
      status: "fail",
      message: `${rel} is not a valid deployment record: ${parsed.error.issues[0]?.message}`,
    });
    return undefined;
  }
  return parsed.data;
}

export type { VerifyReport } from "./types.js";
