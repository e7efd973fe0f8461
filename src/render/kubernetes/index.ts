import { chains } from "../../chains/index.js";
import type { NodeWorkload } from "../../chains/kubernetes/workload.js";
import type { Node } from "../../config/model.js";
import type { RenderedFile, RenderInput, RenderTarget } from "../types.js";
import { toYaml } from "../yaml.js";
import { defaults } from "./hardening.js";
import { podMonitor } from "./monitoring.js";
import { type K8sObject, nodeObjects } from "./objects.js";
import { scalingObjects } from "./scaling.js";
import { assertValidObjects } from "./validate.js";

/** Each node of the environment with the workload its chain's renderer describes. */
export function nodeWorkloads({ model, nodes }: RenderInput): { name: string; node: Node; workload: NodeWorkload }[] {
  return nodes.map(([name, node]) => {
    const chain = chains[node.chain];
    if (!chain.renderNode) throw new Error(`chain ${node.chain} has a node schema but no renderer`);
    const network = model.networks[node.network];
    if (!network) throw new Error(`node ${name} joins unknown network ${node.network}`);
    return { name, node, workload: chain.renderNode({ name, node, network, networkName: node.network, model }) };
  });
}

/** Every Kubernetes object of an environment, grouped by the file it is written to. */
export function kubernetesObjects(input: RenderInput): Map<string, K8sObject[]> {
  const { model, env } = input;
  const files = new Map<string, K8sObject[]>();
  const namespaces = new Map<string, Set<string>>();
  for (const { name, node, workload } of nodeWorkloads(input)) {
    const project = model.project;
    const { cluster, namespace } = node.target;
    files.set(`kubernetes/${env}/${cluster}/${namespace}/${name}.yaml`, [
      ...nodeObjects({ project, name, node, workload }),
      ...scalingObjects(project, name, node, workload),
      ...podMonitor(project, name, node, workload, model.monitoring?.labels),
    ]);
    namespaces.set(cluster, (namespaces.get(cluster) ?? new Set()).add(namespace));
  }
  for (const [cluster, set] of namespaces) {
    files.set(
      `kubernetes/${env}/${cluster}/namespaces.yaml`,
      [...set].sort().map((ns) => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: ns, labels: defaults().namespaceLabels },
      })),
    );
  }
  return files;
}

export const kubernetes: RenderTarget = {
  id: "kubernetes",
  description: "Per node: StatefulSet, Services, NetworkPolicy, PodDisruptionBudget, ServiceAccount, HPA/KEDA, PodMonitor.",
  render(input): RenderedFile[] {
    const files = kubernetesObjects(input);
    assertValidObjects([...files.values()].flat());
    return [...files].map(([path, objects]) => ({ path, content: toYaml(objects) }));
  },
};
