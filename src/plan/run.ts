import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { Rpc } from "../chains/evm/client.js";
import { snapshotNetwork } from "../chains/evm/snapshot.js";
import { compile } from "../compile/index.js";
import type { CompileOptions } from "../compile/types.js";
import type { Model, Network } from "../config/model.js";
import type { signer as signerSchema } from "../config/schema/account.js";
import { addressOfKey } from "../crypto/native.js";
import { devAccounts } from "../devnet/anvil.js";
import { BaseError, redactUrl } from "../errors/index.js";
import { readRecords } from "../state/records.js";
import { compileWorkflows, loadWorkflows, planWorkflows, type WorkflowArtifacts } from "../workflows/plan.js";
import { canonicalJson, plan, planNetworks, snapshotTargets } from "./index.js";
import type { Address, Plan, PlanEnv, PlanInputs } from "./types.js";

export class MissingRpcError extends BaseError {
  override name = "MissingRpcError";
}

type Vars = Record<string, string | undefined>;

/** The network's RPC URL: the variable named by rpc.env, else rpc.default. May hold an API key: show it only through redactUrl. */
export function rpcUrl(name: string, network: Network, vars: Vars): string {
  const url = vars[network.rpc.env] || network.rpc.default;
  if (!url) {
    throw new MissingRpcError(`no RPC endpoint for network "${name}": ${network.rpc.env} is not set`, {
      hint: `export ${network.rpc.env}=https://… (the URL of a ${name} node), or set rpc.default for a local devnet.`,
    });
  }
  return url;
}

type SignerSpec = z.infer<typeof signerSchema>;

/** The account's signer in this environment (the per-environment one wins), if it has one. */
export const signerSpecOf = (model: Model, envName: string, name: string): SignerSpec | undefined => {
  const acct = model.accounts[name];
  return acct?.environments?.[envName]?.signer ?? acct?.signer;
};

/**
 * The address a signer signs as, when it is known without unlocking anything: devnet keys (public) and
 * keys present in the environment (only the address is kept). Undefined for a keystore, a missing key.
 */
export function signerAddress(spec: SignerSpec, vars: Vars): Address | undefined {
  // Derived only when asked for: the HD derivation costs ~50 ms in a fresh process (secp256k1 tables).
  if ("devnet" in spec) return devAccounts(spec.devnet + 1)[spec.devnet]?.address as Address | undefined;
  if ("env" in spec && vars[spec.env]) {
    try {
      return addressOfKey((vars[spec.env] as string).trim()) as Address;
    } catch {
      // A malformed key is reported by apply, which needs it; plan only wanted the address.
    }
  }
  return undefined;
}

/**
 * Addresses of the environment's accounts that can be known without unlocking anything: a fixed
 * `address` (it decides what references resolve to, docs/accounts-and-expect.md), else the signer's
 * address when it is known. Keystores stay references that apply resolves once it unlocks them.
 */
export function accountAddresses(model: Model, envName: string, vars: Vars): Record<string, Address> {
  const out: Record<string, Address> = {};
  for (const [name, acct] of Object.entries(model.accounts)) {
    const spec = signerSpecOf(model, envName, name);
    const address = (acct.environments?.[envName]?.address ?? acct.address) || (spec && signerAddress(spec, vars));
    if (address) out[name] = address as Address;
  }
  return out;
}

/**
 * Who each account's transactions come from, as far as known without unlocking anything: its signer's
 * address (a keystore's stays unknown until apply opens it), else, for an account without a signer,
 * its fixed `address`. The fixed address of an account with a signer is only what references resolve to.
 */
export function deployerAddresses(model: Model, envName: string, vars: Vars): Record<string, Address> {
  const out: Record<string, Address> = {};
  for (const [name, acct] of Object.entries(model.accounts)) {
    const spec = signerSpecOf(model, envName, name);
    const address = spec ? signerAddress(spec, vars) : (acct.environments?.[envName]?.address ?? acct.address);
    if (address) out[name] = address as Address;
  }
  return out;
}

/**
 * The addresses apply can send from in this environment: each signer's own address, never the account's
 * fixed `address` (the signer decides who signs). Undefined when one of them cannot be known before apply
 * unlocks it (a keystore, a key not in the environment): any owner might then be that account.
 */
export function signerAddresses(model: Model, envName: string, vars: Vars): Address[] | undefined {
  const out: Address[] = [];
  for (const name of Object.keys(model.accounts)) {
    const spec = signerSpecOf(model, envName, name);
    if (!spec) continue;
    const address = signerAddress(spec, vars);
    if (!address) return undefined;
    out.push(address);
  }
  return out;
}

/** The plan and the inputs it was made from (apply reuses them rather than reading the chain twice). */
export type PlanRun = Omit<PlanInputs, "model"> & { plan: Plan; workflowArtifacts: WorkflowArtifacts };

/** Reads everything plan needs (records from the repo, compiled code, chain state) and plans. */
export async function planEnvironment(model: Model, envName: string, opts: { vars: Vars; compile?: CompileOptions }): Promise<PlanRun> {
  const { vars } = opts;
  const networks = planNetworks(model, envName);
  const accounts = accountAddresses(model, envName, vars);
  const signers = signerAddresses(model, envName, vars);
  const deployers = deployerAddresses(model, envName, vars);
  const env: PlanEnv = { name: envName, accounts, ...(signers ? { signers } : {}), deployers };
  const [records, artifacts, workflows] = await Promise.all([
    readRecords(model.dir, envName, networks),
    compile(model, opts.compile),
    loadWorkflows(model, envName, (f) => readFile(path.join(model.dir, f), "utf8")),
  ]);
  const workflowArtifacts = await compileWorkflows(model, workflows, opts.compile);
  const active = networks.filter((n) => Object.values(model.contracts).some((c) => c.networks.includes(n)) || records[n]);
  const snaps = await Promise.all(
    active.map((n) => {
      const net = model.networks[n] as Network;
      const url = rpcUrl(n, net, vars);
      return snapshotNetwork({
        network: n,
        // Plan gives up sooner than apply (5): nothing it reads is at stake, and a person is waiting.
        rpc: new Rpc(url, { batchLimit: net.rpc.batchLimit, retries: 4, label: `network "${n}"` }),
        chainId: net.chainId,
        targets: snapshotTargets(model, env, records[n], artifacts),
      }).catch((e: unknown) => {
        if (e instanceof BaseError) throw e;
        throw new BaseError(`reading ${n} failed (${redactUrl(url)})`, { cause: e });
      });
    }),
  );
  const snapshots = Object.fromEntries(snaps.map((s) => [s.network, s]));
  const planned = plan(model, env, records, snapshots, artifacts);
  const wf = planWorkflows(model, envName, workflows, workflowArtifacts, records, deployers, accounts);
  if (wf.length) {
    planned.workflows = wf;
    // A workflow's inputs (its CSV, the code it deploys, what the record says it sent) are plan inputs too.
    planned.inputsHash = `0x${createHash("sha256").update(planned.inputsHash).update(canonicalJson(wf)).digest("hex")}`;
  }
  return { plan: planned, env, records, snapshots, artifacts, workflowArtifacts };
}
