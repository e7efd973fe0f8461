import { nodeWorkloads } from "../kubernetes/index.js";
import { MANAGED_BY } from "../kubernetes/labels.js";
import { MONITORING_NAMESPACE } from "../kubernetes/objects.js";
import { assertValidObjects } from "../kubernetes/validate.js";
import type { RenderedFile, RenderInput, RenderTarget } from "../types.js";
import { toYaml } from "../yaml.js";
import { ruleGroups } from "./rules.js";
import { scrapeConfigs } from "./scrape.js";

export function prometheusFiles(input: RenderInput): RenderedFile[] {
  const nodes = nodeWorkloads(input);
  const groups = ruleGroups(nodes.map((n) => n.workload));
  const dir = `prometheus/${input.env}`;
  const rule = {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: {
      name: `w3o-${input.env}`,
      namespace: MONITORING_NAMESPACE,
      labels: { ...input.model.monitoring?.labels, ...MANAGED_BY, "app.kubernetes.io/part-of": input.model.project },
    },
    spec: { groups },
  };
  assertValidObjects([rule]);
  return [
    // For a plain Prometheus (and promtool): the rule file and a config that loads it.
    { path: `${dir}/rules.yml`, content: toYaml([{ groups }]) },
    {
      path: `${dir}/prometheus.yml`,
      content: toYaml([
        { global: { scrape_interval: "30s", evaluation_interval: "30s" }, rule_files: ["rules.yml"], scrape_configs: scrapeConfigs(nodes) },
      ]),
    },
    // For the Prometheus Operator: the same groups as a PrometheusRule.
    { path: `${dir}/prometheus-rule.yaml`, content: toYaml([rule]) },
  ];
}

export const prometheus: RenderTarget = {
  id: "prometheus",
  description: "Recording and alert rules (node down, head lag, few peers, disk filling, contract drift) and scrape configs.",
  render: prometheusFiles,
};
