import { Gauge, Registry } from "prom-client";
import type { VerifyReport } from "./types.js";

/**
 * The report as Prometheus text exposition (for node_exporter's textfile collector or a
 * Pushgateway): the series the W3oContractDrift alert and the contracts dashboard read.
 */
export async function reportMetrics(report: VerifyReport): Promise<string> {
  const registry = new Registry();
  const labelNames = ["environment", "network", "contract"] as const;
  const code = new Gauge({
    name: "w3o_contract_code_match",
    help: "1 if the contract's live code matches its deployment record",
    labelNames,
    registers: [registry],
  });
  const owner = new Gauge({
    name: "w3o_contract_owner_match",
    help: "1 if owner() matches the deployment record",
    labelNames,
    registers: [registry],
  });
  const age = new Gauge({
    name: "w3o_network_head_age_seconds",
    help: "Age of the latest block",
    labelNames: ["environment", "network"],
    registers: [registry],
  });
  for (const n of report.networks) {
    if (n.headAgeSeconds !== undefined) age.set({ environment: report.environment, network: n.network }, n.headAgeSeconds);
    for (const c of n.contracts) {
      const labels = { environment: report.environment, network: n.network, contract: c.name };
      if (c.codeMatch !== undefined) code.set(labels, c.codeMatch ? 1 : 0);
      if (c.ownerMatch !== undefined) owner.set(labels, c.ownerMatch ? 1 : 0);
    }
  }
  return registry.metrics();
}
