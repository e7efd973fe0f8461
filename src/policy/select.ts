import type { Location, Model, NamedSection } from "../config/model.js";
import { locate } from "../config/model.js";
import type { Path } from "../config/source.js";
import {
  daysUntil,
  isDevnet,
  isProdEnvironment,
  isTestnet,
  type Party,
  partyOf,
  prodNetworks,
  referencesInArgs,
  rpcPortsOf,
  stagingNetworks,
} from "./facts.js";
import { locateRendered } from "./rendered.js";
import type { Selector } from "./schema.js";
import type { PolicyInput, Suppression } from "./types.js";

/** One thing a rule is checked against: a resource, as a plain document for JMESPath, and where it is written. */
export type Item = { resource: string; doc: Record<string, unknown>; locate: (path: Path) => Location };

const inSection = (model: Model, section: NamedSection, name: string): Pick<Item, "resource" | "locate"> => ({
  resource: `${section}.${name}`,
  locate: (path) => locate(model, section, name, path),
});

const inRoot = (model: Model, base: Path) => (path: Path) => {
  const source = model.files["w3o.yaml"];
  return { file: "w3o.yaml", ...(source ? source.locate([...base, ...path]) : { line: 1, col: 1 }) };
};

/** Turns the input into the documents a selector names. Facts that need the whole repo are computed here, once. */
export function select(selector: Selector, input: PolicyInput, suppressions: Suppression[]): Item[] {
  const { model } = input;
  const prod = prodNetworks(model);
  const staging = stagingNetworks(model);
  const monitors = Object.values(model.monitors);
  const nodeMonitored = (n: string) => monitors.some((m) => m.kind === "node" && m.nodes.includes(n));
  switch (selector) {
    case "nodes":
      return Object.entries(model.nodes).map(([name, spec]) => ({
        ...inSection(model, "nodes", name),
        doc: { name, spec, prod: prod.has(spec.network), rpcPorts: rpcPortsOf(spec.chain), monitored: nodeMonitored(name) },
      }));
    case "contracts":
      return Object.entries(model.contracts).map(([name, spec]) => {
        const isProd = spec.networks.some((n) => prod.has(n));
        const eoaInArgs = referencesInArgs([spec.args, spec.proxy?.initializer.args ?? []])
          .map((r) => partyOf(model, r))
          .filter((p) => p.kind === "eoa");
        const owner: Party = spec.owner ? partyOf(model, spec.owner) : (eoaInArgs[0] ?? { kind: "none", ref: null });
        const initAuthority = referencesInArgs(spec.proxy?.initializer.args ?? [])[0];
        const upgradeAuthority = spec.proxy
          ? partyOf(model, spec.proxy.kind === "transparent" ? spec.admin : (spec.owner ?? initAuthority))
          : { kind: "none", ref: null };
        const roleHolders = Object.fromEntries(
          Object.entries(spec.roles ?? {}).map(([role, refs]) => [role, refs.map((r) => partyOf(model, r).kind)]),
        );
        const checks = monitors.flatMap((m) =>
          m.kind === "contract" && isProdEnvironment(model, m.environment) && m.contracts.includes(name) ? m.checks : [],
        );
        const isTimelock = partyOf(model, `\${contracts.${name}}`).kind === "timelock";
        const renounced = Object.entries(model.workflows).some(
          ([, w]) =>
            w.kind === "dao-setup" && w.timelock === name && w.renounceAdmin && w.environments.some((e) => isProdEnvironment(model, e)),
        );
        return {
          ...inSection(model, "contracts", name),
          doc: {
            name,
            spec,
            prod: isProd,
            owner,
            upgradeAuthority,
            roleHolders,
            monitorChecks: [...new Set(checks)],
            monitored: checks.length > 0,
            stagedBeforeProd: spec.networks.some((n) => staging.has(n) || isTestnet(model, n)),
            isTimelock,
            timelockMinDelay: isTimelock && typeof spec.args[0] === "number" ? spec.args[0] : null,
            timelockAdminRenounced: renounced,
            eoaInArgs: eoaInArgs.length > 0,
            pauseRequired: (model.policies?.requirePauseRole ?? []).includes(name),
            deployerRoles: Object.entries(spec.roles ?? {})
              .filter(([, refs]) => refs.includes(`\${accounts.${spec.deployer}}`))
              .map(([role]) => role),
          },
        };
      });
    case "accounts":
      return Object.entries(model.accounts).map(([name, spec]) => {
        const envOf = (env: string) => spec.environments?.[env];
        const prodEnv = Object.keys(model.environments).find((e) => isProdEnvironment(model, e));
        const stagingEnv = Object.keys(model.environments).find((e) => /^(staging|stage|preprod)/i.test(e));
        return {
          ...inSection(model, "accounts", name),
          doc: {
            name,
            spec,
            prodSigner: (prodEnv && envOf(prodEnv)?.signer) ?? spec.signer ?? null,
            prodAddress: (prodEnv && envOf(prodEnv)?.address) ?? spec.address ?? null,
            stagingSigner: (stagingEnv && envOf(stagingEnv)?.signer) ?? spec.signer ?? null,
            usedInProd:
              Boolean(prodEnv) && Object.values(model.contracts).some((c) => c.networks.some((n) => prod.has(n)) && c.deployer === name),
            referencedInProd:
              Boolean(prodEnv) &&
              JSON.stringify(Object.values(model.contracts).filter((c) => c.networks.some((n) => prod.has(n)))).includes(
                `\${accounts.${name}}`,
              ),
          },
        };
      });
    case "networks":
      return Object.entries(model.networks).map(([name, spec]) => ({
        ...inSection(model, "networks", name),
        doc: { name, spec, prod: prod.has(name), devnet: isDevnet(model, name), testnet: isTestnet(model, name) },
      }));
    case "environments":
      return Object.entries(model.environments).map(([name, spec]) => ({
        ...inSection(model, "environments", name),
        doc: {
          name,
          spec,
          prod: isProdEnvironment(model, name),
          nonProdNetworks: spec.networks.filter((n) => isDevnet(model, n) || isTestnet(model, n)),
        },
      }));
    case "monitors":
      return Object.entries(model.monitors).map(([name, spec]) => ({
        ...inSection(model, "monitors", name),
        doc: { name, spec, sinkKinds: spec.alerts.map((a) => model.alerts[a]?.kind).filter(Boolean) },
      }));
    case "history": {
      const history = model.data?.history;
      return [
        { resource: "data.history", locate: inRoot(model, ["data", "history"]), doc: { spec: history ?? null, ...projectFacts(input) } },
      ];
    }
    case "project":
      return [{ resource: "project", locate: inRoot(model, []), doc: projectFacts(input) }];
    case "suppressions":
      return suppressions
        .filter((s) => s.source !== "inline")
        .map((s) => ({
          resource: `suppression:${s.rule}:${s.resource}`,
          locate: () => s.location,
          doc: { ...s, daysLeft: s.expires ? daysUntil(s.expires, input.now ?? new Date()) : null },
        }));
    case "containers":
      return (input.rendered ?? []).flatMap((r) =>
        r.objects.flatMap((obj, index) => {
          const pod = podSpecOf(obj);
          if (!pod) return [];
          const kind = String(obj.kind);
          const objName = String((obj.metadata as { name?: string } | undefined)?.name ?? index);
          const containers = [...((pod.initContainers as unknown[]) ?? []), ...((pod.containers as unknown[]) ?? [])] as Record<
            string,
            unknown
          >[];
          const podPath =
            kind === "Pod"
              ? ["spec"]
              : kind === "CronJob"
                ? ["spec", "jobTemplate", "spec", "template", "spec"]
                : ["spec", "template", "spec"];
          return containers.map((container, ci) => {
            const isInit = ci < ((pod.initContainers as unknown[]) ?? []).length;
            const listIndex = isInit ? ci : ci - ((pod.initContainers as unknown[]) ?? []).length;
            const base = [...podPath, isInit ? "initContainers" : "containers", listIndex];
            return {
              resource: `${kind}/${objName}/${String(container.name)}`,
              locate: (path: Path) => locateRendered(r, index, [...base, ...path]),
              doc: { kind, name: objName, container, pod, init: isInit },
            };
          });
        }),
      );
    case "manifests":
      return manifestNamespaces(input);
  }
}

function projectFacts(input: PolicyInput): Record<string, unknown> {
  const { model } = input;
  const prod = prodNetworks(model);
  const nodes = Object.entries(model.nodes);
  return {
    project: model.project,
    useCase: model.useCase ?? null,
    policies: model.policies ?? null,
    history: model.data?.history ?? null,
    gitops: model.gitops ?? null,
    regulatory: model.useCase?.regulatory ?? [],
    publicRpcNodes: nodes.filter(([, n]) => n.rpc?.expose === "public").map(([name]) => name),
    alertKinds: Object.values(model.alerts).map((a) => a.kind),
    criticalMonitors: Object.entries(model.monitors)
      .filter(([, m]) => m.severity === "critical")
      .map(([name]) => name),
    prodPublicContracts: Object.entries(model.contracts)
      .filter(([, c]) => c.networks.some((n) => prod.has(n) && !isDevnet(model, n)))
      .map(([name]) => name),
  };
}

/**
 * One item per namespace that runs workloads. A workload is covered only when a NetworkPolicy of its
 * namespace selects its pods: a policy that exists but selects other pods protects nothing.
 */
function manifestNamespaces(input: PolicyInput): Item[] {
  const nsOf = (o: Record<string, unknown>) => String((o.metadata as { namespace?: string } | undefined)?.namespace ?? "default");
  const all = (input.rendered ?? []).flatMap((r) => r.objects.map((o, index) => ({ r, o, index })));
  const byNs = new Map<string, { r: (typeof all)[number]["r"]; index: number }>();
  for (const { r, o, index } of all) if (podSpecOf(o) && !byNs.has(nsOf(o))) byNs.set(nsOf(o), { r, index });
  return [...byNs.entries()].map(([namespace, first]) => {
    const policies = all.filter(({ o }) => o.kind === "NetworkPolicy" && nsOf(o) === namespace).map(({ o }) => o);
    const workloads = all.filter(({ o }) => podSpecOf(o) && nsOf(o) === namespace).map(({ o }) => o);
    const unselected = workloads
      .filter((w) => !policies.some((p) => selects((p.spec as { podSelector?: LabelSelector } | undefined)?.podSelector, podLabels(w))))
      .map((w) => `${String(w.kind)}/${String((w.metadata as { name?: string } | undefined)?.name)}`);
    return {
      resource: `Namespace/${namespace}`,
      locate: (path: Path) => locateRendered(first.r, first.index, path),
      doc: {
        namespace,
        networkPolicies: policies,
        workloads: workloads.length,
        unselectedWorkloads: unselected,
        unselected: unselected.join(", "),
      },
    };
  });
}

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
};

/** Kubernetes label-selector semantics: an empty selector selects every pod of the namespace. */
function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    if (e.operator === "Exists") return has;
    if (e.operator === "DoesNotExist") return !has;
    const inValues = has && (e.values ?? []).includes(labels[e.key] as string);
    return e.operator === "In" ? inValues : !inValues;
  });
  return byLabels && byExpressions;
}

function podLabels(workload: Record<string, unknown>): Record<string, string> {
  if (workload.kind === "Pod") return ((workload.metadata as { labels?: Record<string, string> }).labels ?? {}) as Record<string, string>;
  const spec = workload.spec as {
    template?: { metadata?: { labels?: Record<string, string> } };
    jobTemplate?: { spec?: { template?: { metadata?: { labels?: Record<string, string> } } } };
  };
  return spec?.template?.metadata?.labels ?? spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

export function podSpecOf(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!WORKLOADS.has(String(obj.kind))) return undefined;
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (obj.kind === "Pod") return spec;
  if (obj.kind === "CronJob")
    return (spec?.jobTemplate as { spec?: { template?: { spec?: Record<string, unknown> } } })?.spec?.template?.spec ?? undefined;
  return (spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
}
