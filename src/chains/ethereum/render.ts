import type { IContainer } from "kubernetes-models/v1/Container";
import { BaseError } from "../../errors/index.js";
import { resourcesFor } from "../kubernetes/resources.js";
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

export class UnsupportedNetworkError extends BaseError {
  override name = "UnsupportedNetworkError";
}

/** Public networks the clients know by name (their `--network`/`--chain` flags). */
const NETWORKS: Record<number, string> = { 1: "mainnet", 11155111: "sepolia", 17000: "holesky", 560048: "hoodi" };

const P = { rpc: 8545, ws: 8546, engine: 8551, p2p: 30303, beacon: 5052, consensusP2p: 9000 };
const JWT_DIR = "/secrets/jwt";
const JWT = `${JWT_DIR}/jwt.hex`;
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
  const jwtSecret = node.engine?.jwtSecret?.secretName ?? `${name}-engine-jwt`;
  const mounts = (sub: string) => [
    { name: "data", mountPath: DATA_DIR, subPath: sub },
    { name: "jwt", mountPath: JWT_DIR, readOnly: true },
  ];

  const execution: IContainer = {
    name: el.client,
    image: image(IMAGES[el.client], el.client === "nethermind" ? el.version.replace(/^v/, "") : el.version, el.image),
    args: executionArgs(el.client, net, apis, ws, archive, metricsOn),
    resources: resourcesFor(node.resources, 0.75),
    volumeMounts: mounts("execution"),
    startupProbe: startupProbe(tcpProbe(P.rpc)),
    livenessProbe: tcpProbe(P.rpc),
    readinessProbe: executionReadiness(el.client),
  };
  const consensus: IContainer = {
    name: cl.client,
    image: image(IMAGES[cl.client], cl.client === "teku" ? cl.version.replace(/^v/, "") : cl.version, cl.image),
    args: consensusArgs(cl.client, net, cl.checkpointSyncUrl, archive, metricsOn),
    resources: resourcesFor(node.resources, 0.25),
    volumeMounts: mounts("consensus"),
    // 200 when synced, 206 while syncing (both count as alive), 503 when not initialised.
    startupProbe: startupProbe(httpProbe(P.beacon, "/eth/v1/node/health")),
    livenessProbe: httpProbe(P.beacon, "/eth/v1/node/health"),
    readinessProbe: httpProbe(P.beacon, "/eth/v1/node/health"),
    ...(cl.client === "teku" ? { env: [{ name: "JAVA_OPTS", value: "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp" }] } : {}),
  };

  const ports: WorkloadPort[] = [
    { name: "rpc", port: P.rpc, protocol: "TCP", role: "rpc", container: el.client },
    ...(ws ? [{ name: "ws", port: P.ws, protocol: "TCP" as const, role: "rpc" as const, container: el.client }] : []),
    { name: "p2p-tcp", port: P.p2p, protocol: "TCP", role: "p2p", container: el.client },
    { name: "p2p-udp", port: P.p2p, protocol: "UDP", role: "p2p", container: el.client },
    { name: "beacon-api", port: P.beacon, protocol: "TCP", role: "rpc", container: cl.client },
    { name: "cl-p2p-tcp", port: P.consensusP2p, protocol: "TCP", role: "p2p", container: cl.client },
    { name: "cl-p2p-udp", port: P.consensusP2p, protocol: "UDP", role: "p2p", container: cl.client },
  ];
  const metrics: MetricsEndpoint[] = [];
  if (metricsOn) {
    for (const client of [el.client, cl.client]) {
      const m = METRICS[client];
      const port = `m-${client}`.slice(0, 15);
      ports.push({ name: port, port: m.port, protocol: "TCP", role: "metrics", container: client });
      metrics.push({ client, port, path: m.path, layer: m.layer, head: m.head, peers: m.peers });
    }
  }

  const workload: NodeWorkload = {
    containers: [execution, consensus],
    volumes: [{ name: "jwt", secret: { secretName: jwtSecret, defaultMode: 0o440, items: [{ key: "jwt.hex", path: "jwt.hex" }] } }],
    ports,
    metrics,
    rpcRequestsMetric: RPC_REQUESTS[el.client],
    externalSecrets: [
      { name: jwtSecret, key: "jwt.hex", purpose: "Engine API JWT shared by the execution and consensus clients (32 random bytes, hex)" },
    ],
  };
  return workload;
};

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
    "checkpoint-sync-url": checkpoint,
    "metrics-enabled": metrics ? "true" : "false",
    "metrics-interface": metrics ? "0.0.0.0" : undefined,
    "metrics-port": metrics ? METRICS.teku.port : undefined,
    "metrics-host-allowlist": metrics ? "*" : undefined,
  });
}
