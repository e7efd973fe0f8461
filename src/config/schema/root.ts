import { z } from "zod";
import { account } from "./account.js";
import { name, namedMap } from "./common.js";
import { contract } from "./contract.js";
import { alertSink, monitor } from "./monitor.js";
import { environment, network } from "./network.js";
import { node } from "./node.js";
import { dataStore, policies } from "./policy.js";
import { useCase } from "./useCase.js";
import { workflow } from "./workflow.js";

export const supportedSolc = ["0.8.24", "0.8.28"] as const;

export const compiler = z.strictObject({
  version: z.enum(supportedSolc).default("0.8.28"),
  optimizer: z.strictObject({ enabled: z.boolean().default(true), runs: z.number().int().min(1).default(200) }).optional(),
  evmVersion: z.enum(["paris", "shanghai", "cancun", "prague"]).default("cancun"),
});

export const gitops = z.strictObject({
  path: z.string().default("deploy").describe("Where rendered manifests are committed."),
  branch: z.string().optional().describe("Commit rendered output to this branch instead of the merge branch."),
  argocd: z
    .strictObject({
      repoURL: z.string(),
      project: z.string().default("default"),
      namespace: z.string().default("argocd"),
    })
    .optional(),
});

/** Kubernetes label keys (optional DNS prefix and `/`) and values, as the API server checks them. */
const labelKey = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    "label keys look like release or example.com/team",
  );
const labelValue = z
  .string()
  .regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "label values are at most 63 letters, digits, -, _ and .");

export const monitoring = z.strictObject({
  labels: z
    .record(labelKey, labelValue)
    .default({})
    .describe(
      "Labels added to every rendered PodMonitor and PrometheusRule, e.g. `release: kube-prometheus-stack` for that chart's podMonitorSelector and ruleSelector. w3o's own labels win on a clash.",
    ),
});

/** Sections that may also live in resource files listed under `include`. */
export const resourceSections = {
  nodes: namedMap(node).optional(),
  contracts: namedMap(contract).optional(),
  workflows: namedMap(workflow).optional(),
  monitors: namedMap(monitor).optional(),
  alerts: namedMap(alertSink).optional(),
};
export const resourceSectionNames = Object.keys(resourceSections) as (keyof typeof resourceSections)[];

/** `w3o.yaml`, at the root of an infra repo. */
export const rootFile = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).describe("Format version of this file. Only 1 exists."),
    project: name.describe("Project name; used in labels, lock names and records."),
    include: z
      .array(z.string())
      .default([])
      .describe("Resource files or folders (relative to this file) holding more nodes, contracts, workflows, monitors and alerts."),
    useCase: useCase.optional(),
    compiler: compiler.optional(),
    environments: namedMap(environment),
    networks: namedMap(network),
    accounts: namedMap(account).default({}),
    ...resourceSections,
    policies: policies.optional(),
    data: z.strictObject({ history: dataStore.optional() }).optional(),
    gitops: gitops.optional(),
    monitoring: monitoring.optional().describe("How the rendered monitoring objects are picked up by the Prometheus Operator."),
  })
  .describe("Web3 Orchestrator infra repo configuration.");

/** A resource file listed under `include`. */
export const resourceFile = z
  .strictObject({ $schema: z.string().optional(), ...resourceSections })
  .describe("Web3 Orchestrator resource file: nodes, contracts, workflows, monitors and alerts.");

export type RootFile = z.infer<typeof rootFile>;
export type ResourceFile = z.infer<typeof resourceFile>;
export type ResourceSection = keyof typeof resourceSections;
export { name };
