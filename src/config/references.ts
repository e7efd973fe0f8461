import { chains } from "../chains/index.js";
import type { Diagnostic } from "./diagnostics.js";
import { DEVNET_CHAIN_IDS, locate, type Model, type NamedSection } from "./model.js";
import { lossyNumbers } from "./numbers.js";
import { REFERENCE_RE } from "./schema/common.js";
import type { ArgValue } from "./schema/contract.js";
import type { Path } from "./source.js";

type Ref = { kind: "contracts" | "accounts"; name: string; path: Path };

/** Every `${contracts.X}` / `${accounts.Y}` inside a value, with the path where it sits. */
export function referencesIn(value: ArgValue | undefined, path: Path): Ref[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => referencesIn(v, [...path, i]));
  if (typeof value !== "string") return [];
  return [...value.matchAll(REFERENCE_RE)].map((m) => ({ kind: m[1] as Ref["kind"], name: m[2] as string, path }));
}

/** References a contract needs resolved before it can be deployed (constructor and initializer). */
export function deployDependencies(model: Pick<Model, "contracts">, name: string): Ref[] {
  const c = model.contracts[name];
  if (!c) return [];
  return [...referencesIn(c.args, ["args"]), ...referencesIn(c.proxy?.initializer.args, ["proxy", "initializer", "args"])];
}

/**
 * What the loader could not read: sections a broken file may have added to, and names defined
 * twice (`section.name`). A reference into them is neither reported as missing nor checked
 * further: that would be a knock-on error of the one already reported.
 */
export type Uncertain = { sections: ReadonlySet<NamedSection>; names: ReadonlySet<string> };

const CERTAIN: Uncertain = { sections: new Set(), names: new Set() };

/** Checks every name one resource uses to point at another, and the rules between them. */
export function checkReferences(model: Model, names: Record<NamedSection, Set<string>>, uncertain: Uncertain = CERTAIN): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (section: NamedSection, name: string, path: Path, code: string, message: string, hint: string) =>
    out.push({ ...locate(model, section, name, path), severity: "error", code, message, hint });
  /** True when `value` names exactly one resource of `target`; reports it when it names none. */
  const need = (target: NamedSection, value: string, section: NamedSection, name: string, path: Path) => {
    if (uncertain.names.has(`${target}.${value}`)) return false;
    if (names[target].has(value)) return true;
    if (uncertain.sections.has(target)) return false;
    const known = [...names[target]];
    err(
      section,
      name,
      path,
      "missing-reference",
      `${section}.${name} refers to ${singular(target)} "${value}", which is not defined`,
      known.length ? `Define it under \`${target}:\`, or use one of: ${known.join(", ")}.` : `Define it under \`${target}:\`.`,
    );
    return false;
  };

  for (const [name, env] of Object.entries(model.environments)) {
    for (const [i, n] of env.networks.entries()) need("networks", n, "environments", name, ["networks", i]);
  }

  for (const [name, net] of Object.entries(model.networks)) {
    const chain = chains[net.chain];
    if (chain.identifiedBy === "chainId" && net.chainId === undefined) {
      err(
        "networks",
        name,
        [],
        "missing-key",
        `network "${name}" is on ${chain.displayName} but has no chainId`,
        "Add chainId: the EIP-155 id of the network (e.g. 1 for Ethereum mainnet), so w3o can refuse a wrong RPC endpoint.",
      );
    }
  }

  for (const [name, node] of Object.entries(model.nodes)) {
    if (need("networks", node.network, "nodes", name, ["network"])) {
      const net = model.networks[node.network];
      if (net && net.chain !== node.chain) {
        err(
          "nodes",
          name,
          ["network"],
          "chain-mismatch",
          `node "${name}" runs ${node.chain} but network "${node.network}" is on ${net.chain}`,
          `Point it at a network whose chain is ${node.chain}, or change the node's chain.`,
        );
      }
    }
    if (node.autoscaling && node.autoscaling.min > node.autoscaling.max) {
      err(
        "nodes",
        name,
        ["autoscaling", "min"],
        "invalid-value",
        `autoscaling.min (${node.autoscaling.min}) is above autoscaling.max (${node.autoscaling.max})`,
        "Make min ≤ max.",
      );
    }
  }

  for (const [name, c] of Object.entries(model.contracts)) {
    c.networks.forEach((n, i) => {
      if (!need("networks", n, "contracts", name, ["networks", i])) return;
      const net = model.networks[n];
      if (net && !chains[net.chain].evm) {
        err(
          "contracts",
          name,
          ["networks", i],
          "not-evm",
          `contract "${name}" targets ${net.chain} network "${n}", which cannot run EVM contracts`,
          "Deploy contracts to an EVM network (Ethereum, an L2, Avalanche C-Chain).",
        );
      }
    });
    if (need("accounts", c.deployer, "contracts", name, ["deployer"])) checkDeployerSigner(model, name, err);
    const refs = [
      ...referencesIn(c.args, ["args"]),
      ...referencesIn(c.proxy?.initializer.args, ["proxy", "initializer", "args"]),
      ...referencesIn(c.owner, ["owner"]),
      ...referencesIn(c.admin, ["admin"]),
      ...Object.entries(c.roles ?? {}).flatMap(([role, list]) => referencesIn(list, ["roles", role])),
      ...c.expect.flatMap((x, i) => [...referencesIn(x.args, ["expect", i, "args"]), ...referencesIn(x.returns, ["expect", i, "returns"])]),
    ];
    out.push(...lossyNumbers(model, name));
    for (const ref of refs) {
      if (!need(ref.kind, ref.name, "contracts", name, ref.path)) continue;
      if (ref.kind === "contracts") {
        const other = model.contracts[ref.name];
        const missing = other ? c.networks.filter((n) => !other.networks.includes(n)) : [];
        if (missing.length) {
          err(
            "contracts",
            name,
            ref.path,
            "reference-network",
            `contract "${name}" uses ${ref.name}'s address on ${missing.join(", ")}, where ${ref.name} is not deployed`,
            `Add ${missing.join(", ")} to ${ref.name}'s networks, or remove them from ${name}'s.`,
          );
        }
      } else {
        const acct = model.accounts[ref.name];
        const envOverrides = Object.values(acct?.environments ?? {});
        if (acct && !acct.address && !acct.signer && !envOverrides.some((o) => o.address || o.signer)) {
          err(
            "contracts",
            name,
            ref.path,
            "account-without-address",
            `account "${ref.name}" has neither an address nor a signer`,
            "Give the account an address: or a signer: so its address is known.",
          );
        }
      }
    }
  }
  out.push(...findCycles(model));

  for (const [name, w] of Object.entries(model.workflows)) {
    for (const [i, e] of w.environments.entries()) need("environments", e, "workflows", name, ["environments", i]);
    const refs: [string, string][] =
      w.kind === "token-launch"
        ? typeof w.token === "string"
          ? [["token", w.token]]
          : []
        : w.kind === "nft-mint"
          ? [["collection", w.collection]]
          : [
              ["governor", w.governor],
              ["timelock", w.timelock],
              ["token", w.token],
            ];
    for (const [field, value] of refs) need("contracts", value, "workflows", name, [field]);
    if (!model.accounts[w.from]) need("accounts", w.from, "workflows", name, ["from"]);
    for (const [i, n] of (w.networks ?? []).entries()) need("networks", n, "workflows", name, ["networks", i]);
  }

  for (const [name, m] of Object.entries(model.monitors)) {
    if (m.kind === "node") for (const [i, n] of m.nodes.entries()) need("nodes", n, "monitors", name, ["nodes", i]);
    else {
      need("environments", m.environment, "monitors", name, ["environment"]);
      for (const [i, c] of m.contracts.entries()) need("contracts", c, "monitors", name, ["contracts", i]);
    }
    for (const [i, a] of m.alerts.entries()) need("alerts", a, "monitors", name, ["alerts", i]);
  }

  for (const [name, acct] of Object.entries(model.accounts)) {
    for (const env of Object.keys(acct.environments ?? {})) need("environments", env, "accounts", name, ["environments", env]);
  }
  return out;
}

/** `{ devnet: N }` keys are public: refuse them anywhere but a local devnet. */
function checkDeployerSigner(
  model: Model,
  name: string,
  err: (s: NamedSection, n: string, p: Path, code: string, m: string, h: string) => void,
) {
  const c = model.contracts[name];
  const acct = c && model.accounts[c.deployer];
  if (!c || !acct) return;
  for (const [envName, env] of Object.entries(model.environments)) {
    const signer = acct.environments?.[envName]?.signer ?? acct.signer;
    const nets = c.networks.filter((n) => env.networks.includes(n));
    if (nets.length === 0) continue;
    if (!signer) {
      err(
        "contracts",
        name,
        ["deployer"],
        "missing-signer",
        `account "${c.deployer}" has no signer for environment "${envName}", so "${name}" cannot be deployed there`,
        `Add signer: { env: DEPLOYER_KEY } to accounts.${c.deployer}, or under its environments.${envName}.`,
      );
      continue;
    }
    if ("devnet" in signer) {
      const publicNets = nets.filter((n) => !DEVNET_CHAIN_IDS.has(model.networks[n]?.chainId ?? -1));
      if (publicNets.length) {
        err(
          "contracts",
          name,
          ["deployer"],
          "devnet-signer",
          `account "${c.deployer}" signs with a public devnet key in environment "${envName}", which deploys to ${publicNets.join(", ")}`,
          `Devnet keys are public. Give accounts.${c.deployer}.environments.${envName} a signer: { env: … } or a keystore.`,
        );
      }
    }
  }
}

/** Constructor/initializer references form the deploy order; a cycle cannot be deployed. */
function findCycles(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...cycle].sort().join(",");
      if (!reported.has(key)) {
        reported.add(key);
        out.push({
          ...locate(model, "contracts", name, ["args"]),
          severity: "error",
          code: "dependency-cycle",
          message: `contracts depend on each other in a cycle: ${cycle.join(" → ")}`,
          hint: "A constructor can only take addresses of contracts deployed before it. Break the cycle by setting one address after deploy (owner:, roles:) instead of in args.",
        });
      }
      return;
    }
    state.set(name, "visiting");
    stack.push(name);
    for (const ref of deployDependencies(model, name)) {
      if (ref.kind === "contracts" && model.contracts[ref.name]) visit(ref.name);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of Object.keys(model.contracts).sort()) visit(name);
  return out;
}

const singular = (section: string) => (section === "accounts" ? "account" : section.replace(/s$/, ""));
