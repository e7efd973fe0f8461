import type { NodeWorkload } from "../../chains/kubernetes/workload.js";
import type { Node } from "../../config/model.js";
import { compareStrings } from "../../util/compare.js";

/**
 * Scrape jobs for a Prometheus without the Operator: Kubernetes pod discovery, one job per
 * client (each has its own metrics path), keeping only w3o pods on that client's metrics port
 * and copying the same labels the PodMonitors set.
 */
export function scrapeConfigs(nodes: { name: string; node: Node; workload: NodeWorkload }[]) {
  const jobs = new Map<string, { path: string; port: string; namespaces: Set<string> }>();
  for (const { node, workload } of nodes) {
    if (node.metrics?.enabled === false) continue;
    for (const m of workload.metrics) {
      const job = jobs.get(m.client) ?? { path: m.path, port: m.port, namespaces: new Set<string>() };
      job.namespaces.add(node.target.namespace);
      jobs.set(m.client, job);
    }
  }
  const label = (name: string, target: string) => ({ source_labels: [`__meta_kubernetes_pod_label_${name}`], target_label: target });
  return [...jobs.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([client, job]) => ({
      job_name: `w3o-${client}`,
      metrics_path: job.path,
      kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [...job.namespaces].sort() } }],
      relabel_configs: [
        { source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_managed_by"], regex: "w3o", action: "keep" },
        { source_labels: ["__meta_kubernetes_pod_container_port_name"], regex: job.port, action: "keep" },
        { source_labels: ["__meta_kubernetes_pod_label_w3o_dev_clients"], regex: `(.*\\.)?${client}(\\..*)?`, action: "keep" },
        label("w3o_dev_node", "w3o_node"),
        label("w3o_dev_network", "network"),
        label("w3o_dev_chain", "chain"),
        { target_label: "client", replacement: client },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      ],
    }));
}
