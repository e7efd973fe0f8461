import { readYamlTemplate } from "../templates.js";
import type { RenderedFile, RenderInput, RenderTarget } from "../types.js";
import { toJson } from "../yaml.js";

export type Panel = { title: string; unit: string; exprs: { expr: string; legend: string }[] };

const ds = { type: "prometheus", uid: "${datasource}" };
const net = 'network=~"$network"';

/** Node health: block time, throughput, head lag, peers, availability, disk. */
export const NODE_PANELS: Panel[] = [
  { title: "Block time", unit: "s", exprs: [{ expr: `w3o:node_block_time_seconds:5m{${net}}`, legend: "{{pod}} {{client}}" }] },
  {
    title: "Throughput: blocks per minute",
    unit: "short",
    exprs: [{ expr: `60 * rate(w3o:node_head{${net}}[5m])`, legend: "{{pod}} {{client}}" }],
  },
  {
    title: "Throughput: RPC requests per second",
    unit: "reqps",
    exprs: [{ expr: `w3o:node_rpc_requests:rate5m{${net}}`, legend: "{{pod}}" }],
  },
  {
    title: "Head lag behind the best node",
    unit: "short",
    exprs: [
      {
        expr: `(max by (network, layer) (w3o:node_head{${net}})) - on (network, layer) group_right () w3o:node_head{${net}}`,
        legend: "{{pod}} {{client}}",
      },
    ],
  },
  { title: "Peers", unit: "short", exprs: [{ expr: `w3o:node_peers{${net}}`, legend: "{{pod}} {{client}}" }] },
  {
    title: "Scrape targets up",
    unit: "short",
    exprs: [{ expr: `sum by (w3o_node, client) (up{w3o_node!="",${net}})`, legend: "{{w3o_node}} {{client}}" }],
  },
  {
    title: "Data volume used",
    unit: "percentunit",
    exprs: [
      {
        expr: '1 - kubelet_volume_stats_available_bytes{persistentvolumeclaim=~"data-.+-[0-9]+"} / kubelet_volume_stats_capacity_bytes{persistentvolumeclaim=~"data-.+-[0-9]+"}',
        legend: "{{persistentvolumeclaim}}",
      },
    ],
  },
];

/** Contracts: gas, token transfers, drift from the deployment record, chain freshness. */
export const CONTRACT_PANELS: Panel[] = [
  {
    title: "Gas used per contract",
    unit: "short",
    exprs: [{ expr: `sum by (contract) (rate(w3o_contract_gas_used_total{${net}}[5m]))`, legend: "{{contract}}" }],
  },
  {
    title: "Token transfers per minute",
    unit: "short",
    exprs: [{ expr: `60 * sum by (contract) (rate(w3o_token_transfers_total{${net}}[5m]))`, legend: "{{contract}}" }],
  },
  {
    title: "Code matches deployment record",
    unit: "bool",
    exprs: [{ expr: `min by (environment, contract) (w3o_contract_code_match{${net}})`, legend: "{{environment}} {{contract}}" }],
  },
  {
    title: "Owner matches deployment record",
    unit: "bool",
    exprs: [{ expr: `min by (environment, contract) (w3o_contract_owner_match{${net}})`, legend: "{{environment}} {{contract}}" }],
  },
  {
    title: "Latest block age",
    unit: "s",
    exprs: [{ expr: `max by (network) (w3o_network_head_age_seconds{${net}})`, legend: "{{network}}" }],
  },
];

function dashboard(uid: string, title: string, panels: Panel[], tags: string[]) {
  const base = readYamlTemplate<Record<string, unknown>>("grafana/dashboard.json");
  return {
    ...base,
    uid,
    title,
    tags,
    panels: panels.map((p, i) => ({
      id: i + 1,
      type: "timeseries",
      title: p.title,
      datasource: ds,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.exprs.map((e, j) => ({ refId: String.fromCharCode(65 + j), datasource: ds, expr: e.expr, legendFormat: e.legend })),
    })),
  };
}

export function grafanaFiles({ model, env }: RenderInput): RenderedFile[] {
  const tags = ["w3o", model.project, env];
  return [
    {
      path: `grafana/${env}/w3o-nodes.json`,
      content: toJson(dashboard(`w3o-${env}-nodes`, `${model.project} ${env}: nodes`, NODE_PANELS, tags)),
    },
    {
      path: `grafana/${env}/w3o-contracts.json`,
      content: toJson(dashboard(`w3o-${env}-contracts`, `${model.project} ${env}: contracts`, CONTRACT_PANELS, tags)),
    },
  ];
}

export const grafana: RenderTarget = {
  id: "grafana",
  description: "Grafana dashboards (JSON) for nodes and contracts over the rules' normalised series.",
  render: grafanaFiles,
};
