import type { NodeWorkload } from "../../chains/kubernetes/workload.js";
import type { Node } from "../../config/model.js";
import { nodeLabels, selectorLabels } from "./labels.js";
import type { K8sObject } from "./objects.js";

/** Where KEDA reaches Prometheus; matches the kube-prometheus-stack default service. */
export const PROMETHEUS_URL = "http://prometheus-operated.monitoring.svc:9090";

/** Roles whose replicas serve RPC and may be scaled horizontally; validators and collators may not. */
const SCALABLE_ROLES = new Set(["full", "archive", "rpc"]);

/**
 * HPA on CPU/memory for RPC-serving replicas or, when an RPC request-rate target is set and
 * the client exports a request counter, a KEDA ScaledObject (which owns its own HPA: the
 * two must never target the same StatefulSet).
 */
export function scalingObjects(project: string, name: string, node: Node, workload: NodeWorkload): K8sObject[] {
  const a = node.autoscaling;
  if (!a || !SCALABLE_ROLES.has(node.role)) return [];
  const namespace = node.target.namespace;
  const labels = nodeLabels(
    project,
    name,
    node,
    workload.containers.map((c) => c.name),
  );
  const target = { apiVersion: "apps/v1", kind: "StatefulSet", name };
  const cpuPercent = a.cpuPercent ?? 70;
  if (a.rpcRequestsPerSecond !== undefined && workload.rpcRequestsMetric) {
    const selector = Object.entries({ namespace, ...podSelector(name) })
      .map(([k, v]) => `${k}${v.startsWith("~") ? `=~"${v.slice(1)}"` : `="${v}"`}`)
      .join(",");
    return [
      {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name, namespace, labels },
        spec: {
          scaleTargetRef: target,
          minReplicaCount: a.min,
          maxReplicaCount: a.max,
          cooldownPeriod: 600,
          triggers: [
            {
              type: "prometheus",
              metricType: "AverageValue",
              metadata: {
                serverAddress: PROMETHEUS_URL,
                query: `sum(rate(${workload.rpcRequestsMetric}{${selector}}[2m]))`,
                threshold: String(a.rpcRequestsPerSecond),
              },
            },
            { type: "cpu", metricType: "Utilization", metadata: { value: String(cpuPercent) } },
            ...(a.memoryPercent ? [{ type: "memory", metricType: "Utilization", metadata: { value: String(a.memoryPercent) } }] : []),
          ],
        },
      },
    ];
  }
  const utilization = (resource: string, averageUtilization: number) => ({
    type: "Resource",
    resource: { name: resource, target: { type: "Utilization", averageUtilization } },
  });
  return [
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name, namespace, labels },
      spec: {
        scaleTargetRef: target,
        minReplicas: a.min,
        maxReplicas: a.max,
        metrics: [utilization("cpu", cpuPercent), ...(a.memoryPercent ? [utilization("memory", a.memoryPercent)] : [])],
        // New replicas of a node need hours to sync: scale down slowly.
        behavior: { scaleDown: { stabilizationWindowSeconds: 1800 } },
      },
    },
  ];
}

const podSelector = (name: string) => ({ pod: `~${name}-[0-9]+` });

export { selectorLabels };
