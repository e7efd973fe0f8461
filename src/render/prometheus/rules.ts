import type { NodeWorkload } from "../../chains/kubernetes/workload.js";
import { compareStrings } from "../../util/compare.js";
import { readYamlTemplate } from "../templates.js";

export type RuleGroup = { name: string; rules: Record<string, unknown>[] };

/** Labels every node series carries (PodMonitor relabelling / scrape config) and rules keep. */
export const NODE_LABELS = ["w3o_node", "network", "chain", "client", "namespace", "pod"] as const;

/** Adds a `client="…"` matcher to a vector selector that may already have matchers. */
export function withClient(selector: string, client: string): string {
  const matcher = `client="${client}"`;
  return selector.endsWith("}") ? `${selector.slice(0, -1)},${matcher}}` : `${selector}{${matcher}}`;
}

type ClientSeries = { client: string; layer: string; head: string; peers: string; rpcRequests?: string };

/** One entry per client that runs in the environment, sorted by client. */
export function clientSeries(workloads: NodeWorkload[]): ClientSeries[] {
  const byClient = new Map<string, ClientSeries>();
  for (const w of workloads) {
    for (const m of w.metrics) {
      // The RPC counter belongs to the client serving RPC: the first (execution) container.
      const rpcRequests = m.layer === "execution" ? w.rpcRequestsMetric : undefined;
      byClient.set(m.client, { client: m.client, layer: m.layer, head: m.head, peers: m.peers, rpcRequests });
    }
  }
  return [...byClient.values()].sort((a, b) => compareStrings(a.client, b.client));
}

/** Recording rules that give every client's head, peers and RPC rate the same names. */
export function recordingRules(series: ClientSeries[]): RuleGroup {
  const by = `max by (${NODE_LABELS.join(", ")})`;
  const rules: Record<string, unknown>[] = [];
  for (const s of series) {
    // The client label (already on the series) keeps the rules of different clients distinct for promtool's lint.
    const labels = { client: s.client };
    rules.push({ record: "w3o:node_head", expr: `${by} (${withClient(s.head, s.client)})`, labels: { ...labels, layer: s.layer } });
    rules.push({ record: "w3o:node_peers", expr: `${by} (${withClient(s.peers, s.client)})`, labels });
    if (s.rpcRequests) {
      rules.push({
        record: "w3o:node_rpc_requests:rate5m",
        expr: `sum by (${NODE_LABELS.join(", ")}) (rate(${withClient(s.rpcRequests, s.client)}[5m]))`,
        labels,
      });
    }
  }
  // Seconds per block, from the normalised head: the same for every chain.
  rules.push({ record: "w3o:node_block_time_seconds:5m", expr: "300 / clamp_min(increase(w3o:node_head[5m]), 1)" });
  return { name: "w3o-recording", rules };
}

export const alertRules = (): RuleGroup => readYamlTemplate<RuleGroup>("prometheus/alerts.yaml");

/**
 * One group: rules in a group run in order, so alerts always read this evaluation's recorded
 * series (across groups, evaluation order is not defined and alerts could see stale values).
 */
export function ruleGroups(workloads: NodeWorkload[]): RuleGroup[] {
  const alerts = alertRules();
  return [{ name: "w3o", rules: [...recordingRules(clientSeries(workloads)).rules, ...alerts.rules] }];
}
