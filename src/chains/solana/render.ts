import { resourcesFor } from "../kubernetes/resources.js";
import { DATA_DIR, flags, httpProbe, image, type NodeRenderer, startupProbe, tcpProbe } from "../kubernetes/workload.js";

const P = { rpc: 8899, ws: 8900, gossip: 8001, dynamicFrom: 8002, dynamicTo: 8020 };

/** Cluster entrypoints by genesis hash. */
const CLUSTERS: Record<string, string[]> = {
  "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d": [
    "entrypoint.mainnet-beta.solana.com:8001",
    "entrypoint2.mainnet-beta.solana.com:8001",
    "entrypoint3.mainnet-beta.solana.com:8001",
  ],
  "4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY": ["entrypoint.testnet.solana.com:8001", "entrypoint2.testnet.solana.com:8001"],
  EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG: ["entrypoint.devnet.solana.com:8001", "entrypoint2.devnet.solana.com:8001"],
};

const IDENTITY = `${DATA_DIR}/identity.json`;

export const renderSolanaNode: NodeRenderer = ({ node, network }) => {
  if (node.chain !== "solana") throw new Error(`solana renderer given a ${node.chain} node`);
  const entrypoints = node.entrypoints ?? (network.genesisHash ? CLUSTERS[network.genesisHash] : undefined) ?? [];
  const img = image("anzaxyz/agave", node.client.version, node.client.image);
  const args = [
    ...flags({
      identity: IDENTITY,
      ledger: `${DATA_DIR}/ledger`,
      "no-voting": true,
      "full-rpc-api": true,
      "rpc-port": P.rpc,
      "rpc-bind-address": "0.0.0.0",
      "private-rpc": true,
      "gossip-port": P.gossip,
      "dynamic-port-range": `${P.dynamicFrom}-${P.dynamicTo}`,
      "expected-genesis-hash": network.genesisHash,
      "only-known-rpc": node.knownValidators.length > 0,
      "enable-rpc-transaction-history": node.role === "archive",
      "limit-ledger-size": node.role !== "archive",
      "wal-recovery-mode": "skip_any_corrupted_record",
      log: "-",
    }),
    ...entrypoints.map((e) => `--entrypoint=${e}`),
    ...[...node.knownValidators].sort().map((v) => `--known-validator=${v}`),
  ];
  return {
    // A non-voting RPC node still needs an identity: generated once on the data volume, never committed.
    initContainers: [
      {
        name: "identity",
        image: img,
        command: ["sh", "-c", `test -f ${IDENTITY} || solana-keygen new --no-bip39-passphrase --silent --outfile ${IDENTITY}`],
        resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        volumeMounts: [{ name: "data", mountPath: DATA_DIR }],
      },
    ],
    containers: [
      {
        name: "agave",
        image: img,
        command: ["agave-validator"],
        args,
        resources: resourcesFor(node.resources),
        volumeMounts: [{ name: "data", mountPath: DATA_DIR }],
        // GET /health is the HTTP form of getHealth: 200 "ok" when within the slot distance of the cluster.
        // Probes cannot POST a JSON-RPC body, and the image ships no curl for an exec probe.
        startupProbe: startupProbe(tcpProbe(P.rpc)),
        livenessProbe: tcpProbe(P.rpc),
        readinessProbe: httpProbe(P.rpc, "/health"),
      },
    ],
    ports: [
      { name: "http-rpc", port: P.rpc, protocol: "TCP", role: "rpc", container: "agave" },
      { name: "ws-rpc", port: P.ws, protocol: "TCP", role: "rpc", container: "agave" },
      { name: "gossip-tcp", port: P.gossip, protocol: "TCP", role: "p2p", container: "agave" },
      { name: "gossip-udp", port: P.gossip, protocol: "UDP", role: "p2p", container: "agave" },
      // TVU/repair: agave binds the first ports of the dynamic range.
      { name: "tvu", port: P.dynamicFrom, protocol: "UDP", role: "p2p", container: "agave" },
      { name: "repair", port: P.dynamicFrom + 1, protocol: "UDP", role: "p2p", container: "agave" },
    ],
    // Agave reports metrics to InfluxDB, not Prometheus: scrape it through a solana-exporter if needed.
    metrics: [],
  };
};
