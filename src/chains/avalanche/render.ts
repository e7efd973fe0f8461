import { resourcesFor } from "../kubernetes/resources.js";
import { DATA_DIR, flags, httpProbe, image, type NodeRenderer, startupProbe } from "../kubernetes/workload.js";

const P = { http: 9650, staking: 9651 };
/** avalanchego's --network-id by EVM chain id of the C-Chain. */
const NETWORK_IDS: Record<number, string> = { 43114: "mainnet", 43113: "fuji" };

export const renderAvalancheNode: NodeRenderer = ({ node, network }) => {
  if (node.chain !== "avalanche") throw new Error(`avalanche renderer given a ${node.chain} node`);
  const metricsOn = node.metrics?.enabled !== false;
  const networkId = (network.chainId !== undefined && NETWORK_IDS[network.chainId]) || "mainnet";
  const args = flags({
    "data-dir": DATA_DIR,
    "network-id": networkId,
    "http-host": "0.0.0.0",
    "http-port": P.http,
    "http-allowed-hosts": "*",
    "staking-port": P.staking,
    "public-ip-resolution-service": "opendns",
    "track-subnets": node.trackSubnets.length > 0 ? [...node.trackSubnets].sort().join(",") : undefined,
    "api-admin-enabled": "false",
    "index-enabled": node.role === "archive" ? "true" : undefined,
    "log-display-level": "info",
    "log-dir": "/tmp/logs",
  });
  return {
    containers: [
      {
        name: "avalanchego",
        image: image("avaplatform/avalanchego", node.client.version, node.client.image),
        command: ["/avalanchego/build/avalanchego"],
        args,
        resources: resourcesFor(node.resources),
        volumeMounts: [{ name: "data", mountPath: DATA_DIR }],
        // /ext/health/liveness answers once the node runs; /ext/health/readiness once it has bootstrapped.
        startupProbe: startupProbe(httpProbe(P.http, "/ext/health/liveness")),
        livenessProbe: httpProbe(P.http, "/ext/health/liveness"),
        readinessProbe: httpProbe(P.http, "/ext/health/readiness"),
      },
    ],
    ports: [
      { name: "http-rpc", port: P.http, protocol: "TCP", role: "rpc", container: "avalanchego" },
      { name: "staking", port: P.staking, protocol: "TCP", role: "p2p", container: "avalanchego" },
    ],
    // Metrics are served on the API port; the PodMonitor scrapes it from inside the pod network.
    metrics: metricsOn
      ? [
          {
            client: "avalanchego",
            port: "http-rpc",
            path: "/ext/metrics",
            layer: "execution",
            head: "avalanche_C_last_accepted_height",
            peers: "avalanche_network_peers",
          },
        ]
      : [],
    rpcRequestsMetric: "avalanche_api_calls_processed",
  };
};
