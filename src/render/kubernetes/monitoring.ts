import type { NodeWorkload } from "../../chains/kubernetes/workload.js";
import type { Node } from "../../config/model.js";
import { nodeLabels, selectorLabels } from "./labels.js";
import type { K8sObject } from "./objects.js";

/**
 * A PodMonitor per node (pods rather than Services: every replica is scraped, and the metrics
 * ports stay off the RPC Service). Relabelling copies the node, network and client onto every
 * series: the alert rules and dashboards group by them.
 */
export function podMonitor(
  project: string,
  name: string,
  node: Node,
  workload: NodeWorkload,
  extraLabels: Record<string, string> = {},
): K8sObject[] {
  if (workload.metrics.length === 0 || node.metrics?.enabled === false) return [];
  const labels = nodeLabels(
    project,
    name,
    node,
    workload.containers.map((c) => c.name),
  );
  return [
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: { name, namespace: node.target.namespace, labels: { ...extraLabels, ...labels } },
      spec: {
        selector: { matchLabels: selectorLabels(name) },
        podMetricsEndpoints: workload.metrics.map((m) => ({
          port: m.port,
          path: m.path,
          interval: "30s",
          relabelings: [
            { action: "replace", targetLabel: "w3o_node", replacement: name },
            { action: "replace", targetLabel: "network", replacement: node.network },
            { action: "replace", targetLabel: "chain", replacement: node.chain },
            { action: "replace", targetLabel: "client", replacement: m.client },
          ],
        })),
      },
    },
  ];
}
