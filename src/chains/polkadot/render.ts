import type { IContainer } from "kubernetes-models/v1/Container";
import { resourcesFor } from "../kubernetes/resources.js";
import { DATA_DIR, flags, httpProbe, image, type NodeRenderer, startupProbe, type WorkloadPort } from "../kubernetes/workload.js";

const P = { rpc: 9944, p2p: 30333, metrics: 9615, relayP2p: 30334 };

/** Relay chains by genesis hash, as the `--chain` flag names them. */
const RELAY_CHAINS: Record<string, string> = {
  "0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3": "polkadot",
  "0xb0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe": "kusama",
  "0xe143f23803ac50e8f6f8e62695d1ce9e4e1d68aa36c1cd2cfd15340213f3423e": "westend",
  "0x77afd6190f1554ad45fd0d31aee62aacc33c6db0ea801129acb813f913e0764f": "paseo",
};

export const renderPolkadotNode: NodeRenderer = ({ name, node, network, networkName }) => {
  if (node.chain !== "polkadot") throw new Error(`polkadot renderer given a ${node.chain} node`);
  const relay = (network.genesisHash && RELAY_CHAINS[network.genesisHash.toLowerCase()]) || networkName;
  const archive = node.role === "archive";
  const metricsOn = node.metrics?.enabled !== false;
  const rpc = node.rpc;
  // `safe` unless the operator lists more; `unsafe` methods never leave the pod unless asked for.
  const rpcMethods = rpc?.apis?.includes("unsafe") ? "unsafe" : "safe";
  const common = (chain: string) =>
    flags({
      chain,
      "base-path": DATA_DIR,
      name,
      "rpc-port": P.rpc,
      "rpc-external": true,
      "rpc-methods": rpcMethods,
      "rpc-cors": "all",
      port: P.p2p,
      "prometheus-external": metricsOn,
      "prometheus-port": metricsOn ? P.metrics : undefined,
      "no-prometheus": !metricsOn,
      "no-telemetry": true,
      "state-pruning": archive ? "archive" : undefined,
      "blocks-pruning": archive ? "archive" : undefined,
    });

  const para = node.parachain;
  const args = para
    ? [
        ...common(para.chainSpec),
        ...(node.role === "collator" ? ["--collator"] : []),
        "--",
        // The embedded relay-chain node: its own P2P port, no RPC of its own.
        ...flags({ chain: relay, port: P.relayP2p, sync: "warp", "rpc-port": 0 }),
      ]
    : [...common(relay), ...(node.role === "validator" ? ["--validator"] : []), ...(archive ? [] : ["--sync=warp"])];
  const client = para ? "polkadot-parachain" : "polkadot";
  const container: IContainer = {
    name: client,
    image: image(para ? "parity/polkadot-parachain" : "parity/polkadot", node.client.version, para?.image ?? node.client.image),
    args,
    resources: resourcesFor(node.resources),
    volumeMounts: [{ name: "data", mountPath: DATA_DIR }],
    // The RPC server answers GET /health (system_health) and /health/readiness (synced and has peers).
    startupProbe: startupProbe(httpProbe(P.rpc, "/health")),
    livenessProbe: httpProbe(P.rpc, "/health"),
    readinessProbe: httpProbe(P.rpc, "/health/readiness"),
  };
  const ports: WorkloadPort[] = [
    { name: "http-rpc", port: P.rpc, protocol: "TCP", role: "rpc", container: client },
    { name: "p2p", port: P.p2p, protocol: "TCP", role: "p2p", container: client },
    ...(para ? [{ name: "relay-p2p", port: P.relayP2p, protocol: "TCP" as const, role: "p2p" as const, container: client }] : []),
    ...(metricsOn ? [{ name: "metrics", port: P.metrics, protocol: "TCP" as const, role: "metrics" as const, container: client }] : []),
  ];
  return {
    containers: [container],
    ports,
    metrics: metricsOn
      ? [
          {
            client,
            port: "metrics",
            path: "/metrics",
            layer: "execution",
            head: 'substrate_block_height{status="best"}',
            peers: "substrate_sub_libp2p_peers_count",
          },
        ]
      : [],
    rpcRequestsMetric: "substrate_rpc_calls_started",
  };
};
