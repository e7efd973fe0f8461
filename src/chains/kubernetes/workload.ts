import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { Model, Network, Node } from "../../config/model.js";

/**
 * What a chain's renderer says about one node: its containers and the ports they serve.
 * The shared builder turns it into the StatefulSet, Services, NetworkPolicy, PDB,
 * ServiceAccount, autoscaling and monitoring objects, and applies the hardening defaults,
 * so a chain folder only knows its clients.
 */
export type PortRole = "rpc" | "p2p" | "metrics";

export type WorkloadPort = {
  /** IANA_SVC_NAME: at most 15 characters. */
  name: string;
  port: number;
  protocol: "TCP" | "UDP";
  role: PortRole;
  /** The container that listens on it. */
  container: string;
};

export type MetricsEndpoint = {
  client: string;
  /** Name of a `metrics` port. */
  port: string;
  path: string;
  /** Execution layer (blocks) or consensus layer (slots): heads are only compared within a layer. */
  layer: "execution" | "consensus";
  /** PromQL selectors of the client's own series, normalised by recording rules (`w3o:node_head`, `w3o:node_peers`). */
  head: string;
  peers: string;
};

export type NodeWorkload = {
  containers: IContainer[];
  initContainers?: IContainer[];
  volumes?: IVolume[];
  ports: WorkloadPort[];
  metrics: MetricsEndpoint[];
  /** Name of the client's counter of RPC requests served (for KEDA); absent if it exports none. */
  rpcRequestsMetric?: string;
  /** Secrets the workload mounts but w3o never renders (their values must not be committed). */
  externalSecrets?: { name: string; key: string; purpose: string }[];
};

export type NodeRenderInput = {
  name: string;
  node: Node;
  network: Network;
  networkName: string;
  model: Model;
};

export type NodeRenderer = (input: NodeRenderInput) => NodeWorkload;

/** Mount path of the node's persistent volume in every container. */
export const DATA_DIR = "/data";

export const httpProbe = (port: number, path: string, overrides: Partial<IProbe> = {}): IProbe => ({
  httpGet: { port, path },
  periodSeconds: 15,
  timeoutSeconds: 5,
  failureThreshold: 4,
  ...overrides,
});

export const tcpProbe = (port: number, overrides: Partial<IProbe> = {}): IProbe => ({
  tcpSocket: { port },
  periodSeconds: 15,
  timeoutSeconds: 5,
  failureThreshold: 4,
  ...overrides,
});

/** Nodes can take minutes to open a large database: give them up to 30 minutes before liveness counts. */
export const startupProbe = (probe: IProbe): IProbe => ({ ...probe, periodSeconds: 10, failureThreshold: 180 });

/** `image:tag`, or the configured override (which may carry an @sha256 digest). */
export function image(repository: string, version: string, override?: string): string {
  return override ?? `${repository}:${version}`;
}

/** Flags as `--key=value`, skipping undefined values; `true` renders a bare `--key`. */
export function flags(values: Record<string, string | number | boolean | undefined>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === false) continue;
    out.push(v === true ? `--${k}` : `--${k}=${v}`);
  }
  return out;
}
