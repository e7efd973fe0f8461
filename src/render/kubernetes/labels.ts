import type { Node } from "../../config/model.js";

export const MANAGED_BY = { "app.kubernetes.io/managed-by": "w3o" };

/** Labels that select the node's pods: stable for the node's life (selectors are immutable). */
export function selectorLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/instance": name, "w3o.dev/node": name };
}

export function nodeLabels(project: string, name: string, node: Node, clients: string[]): Record<string, string> {
  return {
    ...selectorLabels(name),
    ...MANAGED_BY,
    "app.kubernetes.io/name": node.chain,
    "app.kubernetes.io/part-of": project,
    "app.kubernetes.io/component": node.role,
    "w3o.dev/chain": node.chain,
    "w3o.dev/network": node.network,
    "w3o.dev/clients": clients.join("."),
  };
}
