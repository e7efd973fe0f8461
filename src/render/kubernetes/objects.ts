import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { IServicePort } from "kubernetes-models/v1/ServicePort";
import type { NodeWorkload, WorkloadPort } from "../../chains/kubernetes/workload.js";
import type { Node } from "../../config/model.js";
import { defaults, harden } from "./hardening.js";
import { MANAGED_BY, nodeLabels, selectorLabels } from "./labels.js";

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

/** Namespace that runs Prometheus; its pods may scrape metrics ports. */
export const MONITORING_NAMESPACE = "monitoring";

const servicePorts = (ports: WorkloadPort[]): IServicePort[] =>
  ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol }));

export type NodeObjectsInput = { project: string; name: string; node: Node; workload: NodeWorkload };

/** The core objects of one node: ServiceAccount, StatefulSet, Services, NetworkPolicy, PodDisruptionBudget. */
export function nodeObjects({ project, name, node, workload }: NodeObjectsInput): K8sObject[] {
  const namespace = node.target.namespace;
  const clients = workload.containers.map((c) => c.name);
  const labels = nodeLabels(project, name, node, clients);
  const meta = (n: string, extra: Record<string, string> = {}) => ({ name: n, namespace, labels: { ...labels, ...extra } });
  const byRole = (role: WorkloadPort["role"]) => workload.ports.filter((p) => p.role === role);
  const rpcPorts = byRole("rpc");
  const p2pPorts = byRole("p2p");
  const metricsPorts = byRole("metrics");
  const rpc = node.rpc ?? { expose: "internal" as const, allowFrom: undefined };
  const p2pPublic = (node.p2p?.expose ?? "public") === "public";

  const d = defaults();
  const containers = workload.containers.map((c) =>
    harden(
      {
        ...c,
        ports: workload.ports
          .filter((p) => p.container === c.name)
          .map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
      },
      d,
    ),
  );
  const initContainers = workload.initContainers?.map((c) => harden(c, d));
  const maxReplicas = Math.max(node.replicas, node.autoscaling?.max ?? 1);

  const objects: K8sObject[] = [
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: meta(name),
      // Nodes never talk to the Kubernetes API: no token in the pod.
      automountServiceAccountToken: false,
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta(name),
      spec: {
        serviceName: `${name}-headless`,
        replicas: Math.max(node.replicas, node.autoscaling?.min ?? 1),
        podManagementPolicy: "Parallel",
        updateStrategy: { type: "RollingUpdate" },
        selector: { matchLabels: selectorLabels(name) },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 300,
            securityContext: d.podSecurityContext,
            ...(initContainers ? { initContainers } : {}),
            ...(maxReplicas > 1 ? { affinity: apartOnHosts(name) } : {}),
            containers,
            volumes: [d.tmpVolume, ...(workload.volumes ?? [])],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels: { ...selectorLabels(name), ...MANAGED_BY } },
            spec: {
              accessModes: ["ReadWriteOnce"],
              ...(node.storage.class ? { storageClassName: node.storage.class } : {}),
              resources: { requests: { storage: String(node.storage.size) } },
            },
          },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(`${name}-headless`),
      spec: { clusterIP: "None", publishNotReadyAddresses: true, selector: selectorLabels(name), ports: servicePorts(workload.ports) },
    },
  ];

  if (rpcPorts.length > 0) {
    objects.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(`${name}-rpc`),
      spec: { type: rpc.expose === "public" ? "LoadBalancer" : "ClusterIP", selector: selectorLabels(name), ports: servicePorts(rpcPorts) },
    });
  }

  // Peers must reach each replica on its own address: one Service per pod.
  if (p2pPublic && p2pPorts.length > 0) {
    const type = node.p2p?.service ?? "LoadBalancer";
    for (let i = 0; i < maxReplicas; i++) {
      const pod = `${name}-${i}`;
      objects.push({
        apiVersion: "v1",
        kind: "Service",
        metadata: meta(`${name}-p2p-${i}`),
        spec: {
          type,
          externalTrafficPolicy: "Local",
          selector: { ...selectorLabels(name), "statefulset.kubernetes.io/pod-name": pod },
          ports: servicePorts(p2pPorts),
        },
      });
    }
  }

  objects.push({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(name),
    spec: {
      podSelector: { matchLabels: selectorLabels(name) },
      policyTypes: ["Ingress"],
      ingress: [
        // An empty `from` would admit every source: with no allowed peer, no rule at all.
        ...(rpcPorts.length > 0 && rpcPeers(rpc)?.length !== 0 ? [ingress(rpcPorts, rpcPeers(rpc))] : []),
        ...(p2pPublic && p2pPorts.length > 0 ? [ingress(p2pPorts, undefined)] : []),
        ...(metricsPorts.length > 0 ? [ingress(metricsPorts, [namespacePeer([MONITORING_NAMESPACE])])] : []),
      ],
    },
  });

  objects.push({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(name),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(name) } },
  });
  return objects;
}

/**
 * Replicas of one node on different hosts where the cluster can: a host failure then takes one
 * replica, not all. Preferred, not required, so a small cluster still schedules every replica.
 */
const apartOnHosts = (name: string) => ({
  podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selectorLabels(name) } } },
    ],
  },
});

const namespacePeer = (namespaces: string[]): INetworkPolicyPeer => ({
  namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: [...namespaces].sort() }] },
});

/** Who may call the RPC ports. `undefined` means anyone (no `from`); an empty list means no one. */
function rpcPeers(rpc: NonNullable<Node["rpc"]> | { expose: "internal"; allowFrom: undefined }): INetworkPolicyPeer[] | undefined {
  if (rpc.expose === "public") return undefined;
  if (rpc.expose === "cluster") return [{ namespaceSelector: {} }];
  const peers: INetworkPolicyPeer[] = [];
  const namespaces = rpc.allowFrom?.namespaces ?? [];
  if (namespaces.length > 0) peers.push(namespacePeer(namespaces));
  for (const cidr of [...(rpc.allowFrom?.cidrs ?? [])].sort()) peers.push({ ipBlock: { cidr } });
  return peers;
}

function ingress(ports: WorkloadPort[], from: INetworkPolicyPeer[] | undefined) {
  return { ports: ports.map((p) => ({ port: p.port, protocol: p.protocol })), ...(from ? { from } : {}) };
}
