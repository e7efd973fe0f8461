import type { z } from "zod";
import type { account } from "./schema/account.js";
import type { contract } from "./schema/contract.js";
import type { alertSink, monitor } from "./schema/monitor.js";
import type { environment, network } from "./schema/network.js";
import type { node } from "./schema/node.js";
import type { RootFile } from "./schema/root.js";
import type { workflow } from "./schema/workflow.js";
import type { Path, Position, SourceFile } from "./source.js";

export type Environment = z.infer<typeof environment>;
export type Network = z.infer<typeof network>;
export type Account = z.infer<typeof account>;
export type Contract = z.infer<typeof contract>;
export type Node = z.infer<typeof node>;
export type Workflow = z.infer<typeof workflow>;
export type Monitor = z.infer<typeof monitor>;
export type AlertSink = z.infer<typeof alertSink>;

/** The sections whose entries are named resources, in the order they are reported. */
export const NAMED_SECTIONS = ["environments", "networks", "accounts", "nodes", "contracts", "workflows", "monitors", "alerts"] as const;
export type NamedSection = (typeof NAMED_SECTIONS)[number];

/**
 * The whole infra repo after loading: every file merged, defaults applied, references
 * checked. The engine works on this and nothing else; `locate` maps a value back to its
 * file, line and column for findings.
 */
export type Model = Omit<RootFile, NamedSection | "include" | "$schema"> & {
  /** Absolute path of the repo root. */
  dir: string;
  environments: Record<string, Environment>;
  networks: Record<string, Network>;
  accounts: Record<string, Account>;
  nodes: Record<string, Node>;
  contracts: Record<string, Contract>;
  workflows: Record<string, Workflow>;
  monitors: Record<string, Monitor>;
  alerts: Record<string, AlertSink>;
  /** Every config file read, by repo-relative path. */
  files: Record<string, SourceFile>;
  /** Which file defines each resource, keyed `section.name`. */
  origins: Record<string, string>;
};

export type Location = Position & { file: string };

/** Where a resource, or a value inside it, is written. */
export function locate(model: Pick<Model, "files" | "origins">, section: NamedSection, name: string, path: Path = []): Location {
  const file = model.origins[`${section}.${name}`] ?? "w3o.yaml";
  const source = model.files[file];
  if (!source) return { file, line: 1, col: 1 };
  return { file, ...source.locate([section, name, ...path]) };
}

/** Local devnets (anvil, hardhat): the only networks where `{ devnet: N }` signers are allowed. */
export const DEVNET_CHAIN_IDS = new Set([31337, 1337]);

/** The documented default when an environment does not say `production:`: named prod, production, prod-*. */
const PROD_NAME = /^prod(uction)?([-_].*)?$/i;

/** Production is what auditors call "live": the environment says so, or by default its name does. */
export const isProdEnvironment = (model: Pick<Model, "environments">, name: string): boolean =>
  model.environments[name]?.production ?? PROD_NAME.test(name);
