import path from "node:path";
import type { Model } from "../config/model.js";
import { rpcUrl } from "../plan/run.js";
import type { UnreadNetwork } from "../report/types.js";

type Vars = Record<string, string | undefined>;

/**
 * The environments a PR touches. Records under `deployments/<env>/` belong to one environment; any other
 * change inside the infra repo (config, sources, policies) can change every plan, so it touches them all.
 * Without a list of changed files (a manual run), every environment is reviewed.
 */
export function touchedEnvironments(model: Model, root: string, changedFiles?: readonly string[]): string[] {
  const all = Object.keys(model.environments);
  if (!changedFiles) return all;
  const inRepo = changedFiles.map((f) => (root ? path.posix.relative(root, f) : f)).filter((f) => !f.startsWith(".."));
  const touched = new Set<string>();
  for (const f of inRepo) {
    const record = /^deployments\/([^/]+)\//.exec(f);
    if (!record) return all;
    if (model.environments[record[1] as string]) touched.add(record[1] as string);
  }
  return all.filter((e) => touched.has(e));
}

/**
 * Splits an environment's networks into those whose live state can be read and those that cannot, with the
 * reason: no secrets for a fork's PR, or the variable naming the endpoint is not set. Planning the rest
 * keeps one unreachable network from emptying the report.
 */
export function readableNetworks(
  model: Model,
  env: string,
  vars: Vars,
  opts: { fork: boolean },
): { model: Model; unread: UnreadNetwork[] } {
  const environment = model.environments[env];
  if (!environment) return { model, unread: [] };
  const unread: UnreadNetwork[] = [];
  const keep: string[] = [];
  for (const name of environment.networks) {
    const network = model.networks[name];
    if (!network) continue;
    if (opts.fork) {
      unread.push({
        network: name,
        reason: "a pull request from a fork gets no secrets, so its RPC endpoint is not used",
        fix: "the plan runs with live state after merge, or locally",
      });
      continue;
    }
    try {
      rpcUrl(name, network, vars);
      keep.push(name);
    } catch {
      unread.push({
        network: name,
        reason: `${network.rpc.env} is not set where w3o runs`,
        fix: `set ${network.rpc.env} as a secret of the workflow or app`,
      });
    }
  }
  if (keep.length === environment.networks.length) return { model, unread };
  return { model: { ...model, environments: { ...model.environments, [env]: { ...environment, networks: keep } } }, unread };
}
