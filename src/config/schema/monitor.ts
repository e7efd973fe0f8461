import { z } from "zod";
import { duration, envRef, name } from "./common.js";

const base = {
  interval: duration.default("1m"),
  alerts: z.array(name).default([]).describe("Alert sinks (from `alerts`) to notify."),
  severity: z.enum(["info", "warning", "critical"]).default("warning"),
};

export const nodeMonitor = z.strictObject({
  kind: z.literal("node"),
  ...base,
  nodes: z.array(name).min(1),
  maxHeadLag: z.number().int().min(0).default(5).describe("Blocks (or slots) behind the network before alerting."),
  minPeers: z.number().int().min(0).default(5),
});

export const contractMonitor = z.strictObject({
  kind: z.literal("contract"),
  ...base,
  environment: name,
  contracts: z.array(name).min(1),
  checks: z.array(z.enum(["bytecode", "owner", "implementation", "admin", "paused"])).default(["bytecode", "owner", "implementation"]),
});

export const monitor = z.discriminatedUnion("kind", [nodeMonitor, contractMonitor]);

const sinkBase = { minSeverity: z.enum(["info", "warning", "critical"]).default("warning") };
export const alertSink = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("slack"), ...sinkBase, webhook: envRef }),
  z.strictObject({ kind: z.literal("pagerduty"), ...sinkBase, routingKey: envRef }),
  z.strictObject({ kind: z.literal("webhook"), ...sinkBase, url: envRef }),
  z.strictObject({ kind: z.literal("github-issue"), ...sinkBase, labels: z.array(z.string()).default(["w3o", "drift"]) }),
]);
