import type { IContainer } from "kubernetes-models/v1/Container";
import type { z } from "zod";
import { BaseError } from "../../errors/index.js";
import { type Resources, resourcesFor } from "../kubernetes/resources.js";
import {
  DATA_DIR,
  flags,
  httpProbe,
  image,
  type MetricsEndpoint,
  type NodeRenderer,
  type NodeWorkload,
  startupProbe,
  tcpProbe,
  type WorkloadPort,
} from "../kubernetes/workload.js";
import { engineJwt, JWT, JWT_DIR } from "./jwt.js";
import { EXECUTION_SHARE, type ethereumResources } from "./schema.js";

export class UnsupportedNetworkError extends BaseError {
  override name = "UnsupportedNetworkError";
}

/** Public networks the clients know by name (their `--network`/`--chain` flags). */
const NETWORKS: Record<number, string> = { 1: "mainnet", 11155111: "sepolia", 17000: "holesky", 560048: "hoodi" };

const P = { rpc: 8545, ws: 8546, engine: 8551, p2p: 30303, beacon: 5052, consensusP2p: 9000 };
/**
 * The address each client advertises to peers, as the ethpandaops charts do: the pod's IP from
 * the downward API, expanded by the kubelet in `args`. Right where pod IPs are routable from
 * outside (VPC-native CNIs, load balancers targeting pod IPs); the per-pod P2P Service maps the
 * same port numbers, so the advertised ports are the container ports.
 */
const POD_IP_ENV = { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } };
const ADVERTISED = "$(POD_IP)";
/** The Engine API is only for the consensus client in the same pod: bound to localhost. */
const ENGINE_URL = `http://127.0.0.1:${P.engine}`;

const IMAGES = {
  geth: "ethereum/client-go",
  reth: "ghcr.io/paradigmxyz/reth",
  nethermind: "nethermind/nethermind",
  lighthouse: "sigp/lighthouse",
  teku: "consensys/teku",
} as const;

/** Metrics endpoints and the series that carry each client's head and peer count. */
const METRICS = {
  geth: { port: 6060, path: "/debug/metrics/prometheus", layer: "execution", head: "chain_head_block", peers: "p2p_peers" },
  reth: {
    port: 9001,
    path: "/",
    layer: "execution",
    head: "reth_blockchain_tree_canonical_chain_height",
    peers: "reth_network_connected_peers",
  },
  nethermind: { port: 6060, path: "/metrics", layer: "execution", head: "nethermind_blocks", peers: "nethermind_sync_peers" },
  // The beacon-metrics spec both consensus clients implement.
  lighthouse: { port: 5054, path: "/metrics", layer: "consensus", head: "beacon_head_slot", peers: "libp2p_peers" },
  teku: { port: 8008, path: "/metrics", layer: "consensus", head: "beacon_head_slot", peers: "libp2p_peers" },
} as const;

const RPC_REQUESTS = { geth: "rpc_requests", reth: "reth_rpc_server_calls_started_total", nethermind: "nethermind_json_rpc_requests" };

export const renderEthereumNode: NodeRenderer = ({ name, node, network, networkName }) => {
  if (node.chain !== "ethereum") throw new Error(`ethereum renderer given a ${node.chain} node`);
  const net = network.chainId === undefined ? undefined : NETWORKS[network.chainId];
  if (!net) {
    throw new UnsupportedNetworkError(
      `Node "${name}" joins network "${networkName}" (chain id ${network.chainId}), which Ethereum clients do not know by name.`,
      {
        hint: `Ethereum nodes can be rendered for ${Object.entries(NETWORKS)
          .map(([id, n]) => `${n} (${id})`)
          .join(", ")}.`,
      },
    );
  }
  const el = node.execution;
  const cl = node.consensus;
  const archive = node.role === "archive";
  const apis = (node.rpc?.apis ?? ["eth", "net", "web3"]).join(",");
  const ws = node.rpc?.ws ?? false;
  const metricsOn = node.metrics?.enabled !== false;
  const jwt = engineJwt(node.engine?.jwtSecret?.secretName);
  const res = clientResources(node.resources);
  const mounts = (sub: string) => [
    { name: "data", mountPath: DATA_DIR, subPath: sub },
    { name: "jwt", mountPath: JWT_DIR, readOnly: true },
  ];

  const execution: IContainer = {
    name: el.client,
    image: image(IMAGES[el.client], el.client === "nethermind" ? el.version.replace(/^v/, "") : el.version, el.image),
    args: executionArgs(el.client, net, apis, ws, archive, metricsOn),
    resources: res.execution,
    env: [POD_IP_ENV],
    volumeMounts: mounts("execution"),
    startupProbe: startupProbe(tcpProbe(P.rpc)),
    livenessProbe: tcpProbe(P.rpc),
    readinessProbe: executionReadiness(el.client),
  };
  const consensus: IContainer = {
    name: cl.client,
    image: image(IMAGES[cl.client], cl.client === "teku" ? cl.version.replace(/^v/, "") : cl.version, cl.image),
    args: consensusArgs(cl.client, net, cl.checkpointSyncUrl, archive, metricsOn),
    resources: res.consensus,
    env: [POD_IP_ENV, ...(cl.client === "teku" ? [{ name: "JAVA_OPTS", value: "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp" }] : [])],
    volumeMounts: mounts("consensus"),
    // 200 when synced, 206 while syncing (both count as alive), 503 when not initialised.
    startupProbe: startupProbe(httpProbe(P.beacon, "/eth/v1/node/health")),
    livenessProbe: httpProbe(P.beacon, "/eth/v1/node/health"),
    readinessProbe: httpProbe(P.beacon, "/eth/v1/node/health"),
  };

  // The ethpandaops charts' names. Names are unique per pod, so where both clients have a port of
  // one kind the execution client keeps the chart's name and the consensus client's gets `cl-`.
  const ports: WorkloadPort[] = [
    { name: "http-rpc", port: P.rpc, protocol: "TCP", role: "rpc", container: el.client },
    ...(ws ? [{ name: "ws-rpc", port: P.ws, protocol: "TCP" as const, role: "rpc" as const, container: el.client }] : []),
    { name: "p2p-tcp", port: P.p2p, protocol: "TCP", role: "p2p", container: el.client },
    { name: "p2p-udp", port: P.p2p, protocol: "UDP", role: "p2p", container: el.client },
    { name: "http-api", port: P.beacon, protocol: "TCP", role: "rpc", container: cl.client },
    { name: "cl-p2p-tcp", port: P.consensusP2p, protocol: "TCP", role: "p2p", container: cl.client },
    { name: "cl-p2p-udp", port: P.consensusP2p, protocol: "UDP", role: "p2p", container: cl.client },
  ];
  const metrics: MetricsEndpoint[] = [];
  if (metricsOn) {
    for (const [client, port] of [
      [el.client, "metrics"],
      [cl.client, "cl-metrics"],
    ] as const) {
      const m = METRICS[client];
      ports.push({ name: port, port: m.port, protocol: "TCP", role: "metrics", container: client });
      metrics.push({ client, port, path: m.path, layer: m.layer, head: m.head, peers: m.peers });
    }
  }

  const workload: NodeWorkload = {
    ...(jwt.initContainers.length > 0 ? { initContainers: jwt.initContainers } : {}),
    containers: [execution, consensus],
    volumes: [jwt.volume],
    ports,
    metrics,
    rpcRequestsMetric: RPC_REQUESTS[el.client],
    ...(jwt.secret ? { externalSecrets: [jwt.secret] } : {}),
  };
  return workload;
};

/** Per-client resources as given, or the pod's split 3:1 (see `EXECUTION_SHARE`). */
function clientResources(r: z.infer<typeof ethereumResources>) {
  if (r.execution && r.consensus) return { execution: resourcesFor(r.execution), consensus: resourcesFor(r.consensus) };
  const pod = r as Resources;
  return { execution: resourcesFor(pod, EXECUTION_SHARE), consensus: resourcesFor(pod, 1 - EXECUTION_SHARE) };
}

function executionArgs(client: "geth" | "reth" | "nethermind", net: string, apis: string, ws: boolean, archive: boolean, metrics: boolean) {
  // reth took geth's flag names for RPC, Engine API and P2P.
  const gethStyle = {
    http: true,
    "http.addr": "0.0.0.0",
    "http.port": P.rpc,
    "http.api": apis,
    ws,
    "ws.addr": ws ? "0.0.0.0" : undefined,
    "ws.port": ws ? P.ws : undefined,
    "ws.api": ws ? apis : undefined,
    "authrpc.addr": "127.0.0.1",
    "authrpc.port": P.engine,
    "authrpc.jwtsecret": JWT,
    port: P.p2p,
    "discovery.port": P.p2p,
    nat: `extip:${ADVERTISED}`,
  };
  switch (client) {
    case "geth":
      return [
        `--${net}`,
        ...flags({
          datadir: DATA_DIR,
          syncmode: archive ? "full" : "snap",
          gcmode: archive ? "archive" : "full",
          ...gethStyle,
          "http.vhosts": "*",
          "authrpc.vhosts": "localhost",
          metrics,
          "metrics.addr": metrics ? "0.0.0.0" : undefined,
          "metrics.port": metrics ? METRICS.geth.port : undefined,
        }),
      ];
    case "reth":
      return [
        "node",
        ...flags({
          chain: net,
          datadir: DATA_DIR,
          full: !archive,
          ...gethStyle,
          metrics: metrics ? `0.0.0.0:${METRICS.reth.port}` : undefined,
        }),
      ];
    case "nethermind":
      return flags({
        config: net,
        datadir: DATA_DIR,
        "Sync.SnapSync": archive ? "false" : "true",
        "Pruning.Mode": archive ? "None" : "Hybrid",
        "JsonRpc.Enabled": "true",
        "JsonRpc.Host": "0.0.0.0",
        "JsonRpc.Port": P.rpc,
        "JsonRpc.EnabledModules": apis,
        "JsonRpc.WebSocketsPort": ws ? P.ws : undefined,
        "JsonRpc.EngineHost": "127.0.0.1",
        "JsonRpc.EnginePort": P.engine,
        "JsonRpc.JwtSecretFile": JWT,
        "Network.P2PPort": P.p2p,
        "Network.DiscoveryPort": P.p2p,
        "Network.ExternalIp": ADVERTISED,
        "HealthChecks.Enabled": "true",
        "Metrics.Enabled": metrics ? "true" : undefined,
        "Metrics.ExposePort": metrics ? METRICS.nethermind.port : undefined,
      });
  }
}

/** geth and reth have no HTTP health endpoint; nethermind serves /health with HealthChecks.Enabled. */
function executionReadiness(client: "geth" | "reth" | "nethermind") {
  if (client === "nethermind") return httpProbe(P.rpc, "/health");
  if (client === "geth") {
    const { tcpSocket: _, ...timing } = tcpProbe(P.rpc);
    // A JSON-RPC round trip through the client's own console: the port being open is not enough.
    return { ...timing, exec: { command: ["geth", "attach", "--exec", "net.listening", `http://127.0.0.1:${P.rpc}`] } };
  }
  return tcpProbe(P.rpc);
}

function consensusArgs(client: "lighthouse" | "teku", net: string, checkpoint: string | undefined, archive: boolean, metrics: boolean) {
  if (client === "lighthouse") {
    return [
      "lighthouse",
      "beacon_node",
      ...flags({
        network: net,
        datadir: DATA_DIR,
        http: true,
        "http-address": "0.0.0.0",
        "http-port": P.beacon,
        "execution-endpoint": ENGINE_URL,
        "execution-jwt": JWT,
        port: P.consensusP2p,
        "enr-address": ADVERTISED,
        "enr-tcp-port": P.consensusP2p,
        "enr-udp-port": P.consensusP2p,
        "disable-upnp": true,
        "checkpoint-sync-url": checkpoint,
        "reconstruct-historic-states": archive,
        metrics,
        "metrics-address": metrics ? "0.0.0.0" : undefined,
        "metrics-port": metrics ? METRICS.lighthouse.port : undefined,
      }),
    ];
  }
  return flags({
    network: net,
    "data-path": DATA_DIR,
    "data-storage-mode": archive ? "archive" : "prune",
    "rest-api-enabled": "true",
    "rest-api-interface": "0.0.0.0",
    "rest-api-port": P.beacon,
    "rest-api-host-allowlist": "*",
    "ee-endpoint": ENGINE_URL,
    "ee-jwt-secret-file": JWT,
    "p2p-port": P.consensusP2p,
    "p2p-advertised-ip": ADVERTISED,
    "p2p-advertised-port": P.consensusP2p,
    "checkpoint-sync-url": checkpoint,
    "metrics-enabled": metrics ? "true" : "false",
    "metrics-interface": metrics ? "0.0.0.0" : undefined,
    "metrics-port": metrics ? METRICS.teku.port : undefined,
    "metrics-host-allowlist": metrics ? "*" : undefined,
  });
}
