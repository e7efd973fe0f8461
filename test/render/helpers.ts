import { parseAllDocuments } from "yaml";
import { loadModel } from "../../src/config/load.js";
import type { Model, Node } from "../../src/config/model.js";
import { renderInput } from "../../src/render/context.js";
import { kubernetesObjects } from "../../src/render/kubernetes/index.js";
import type { K8sObject } from "../../src/render/kubernetes/objects.js";
import type { RenderedFile } from "../../src/render/types.js";

export const EXAMPLE = new URL("../../examples/infra", import.meta.url).pathname;

export const loadExample = () => loadModel(EXAMPLE);

/** The example model with `nodes` replaced, to render one chain's node in isolation. */
export function withNodes(model: Model, nodes: Record<string, Node>, networks: Model["networks"] = {}): Model {
  return {
    ...model,
    networks: { ...model.networks, ...networks },
    nodes,
    environments: {
      ...model.environments,
      test: { networks: Object.values(nodes).map((n) => n.network), autoApply: false, requires: [], branch: "main" },
    },
  };
}

export function objectsOf(model: Model, env = "test"): K8sObject[] {
  return [...kubernetesObjects(renderInput(model, env)).values()].flat();
}

export const find = (objects: K8sObject[], kind: string, name: string) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} in ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(", ")}`);
  // biome-ignore lint/suspicious/noExplicitAny: tests walk arbitrary manifests
  return o as any;
};

export const parseFiles = (files: RenderedFile[]) => files.flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS()));

import { node as nodeSchema } from "../../src/config/schema/node.js";
export const nodeOf = (raw: unknown): Node => nodeSchema.parse(raw);

/** One node of every chain that has a renderer, on networks the clients know. */
export function everyChainModel(model: Model): Model {
  const base = {
    resources: { cpu: "2", memory: "8Gi" },
    storage: { size: "500Gi", class: "gp3" },
    target: { cluster: "c1", namespace: "nodes" },
  };
  return withNodes(
    model,
    {
      eth: nodeOf({
        ...base,
        chain: "ethereum",
        network: "mainnet",
        role: "rpc",
        execution: { client: "reth", version: "v1.1.2" },
        consensus: { client: "teku", version: "24.10.3" },
        rpc: { allowFrom: { namespaces: ["apps"] } },
      }),
      avax: nodeOf({ ...base, chain: "avalanche", network: "avalanche-c", client: { name: "avalanchego", version: "v1.11.13" } }),
      dot: nodeOf({ ...base, chain: "polkadot", network: "polkadot", client: { name: "polkadot", version: "v1.16.2" } }),
      sol: nodeOf({ ...base, chain: "solana", network: "solana-mainnet", client: { name: "agave", version: "v2.0.18" } }),
    },
    {
      "solana-mainnet": {
        chain: "solana",
        genesisHash: "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d",
        rpc: { env: "SOLANA_RPC_URL" },
        confirmations: 1,
      },
    },
  );
}
