import { z } from "zod";
import { name, quantity } from "../config/schema/common.js";

/** Fields every node shares, whatever its chain. Chains add their clients on top. */
export const clientVersion = z
  .string()
  .regex(/^v?\d+\.\d+(\.\d+)?([-.+][A-Za-z0-9.-]+)?$/, "pin an explicit client version such as v1.14.12");

export const clientImage = z.string().describe("Override the container image. Pin it to a tag or an @sha256 digest.").optional();

export const resources = z.strictObject({
  cpu: quantity,
  memory: quantity,
  limits: z.strictObject({ cpu: quantity.optional(), memory: quantity }).optional(),
});

export const storage = z.strictObject({
  size: quantity,
  class: z.string().optional().describe("StorageClass name, e.g. gp3 or premium-rwo."),
});

export const exposure = z
  .enum(["internal", "cluster", "public"])
  .describe("internal: only pods in allowFrom namespaces; cluster: any pod in the cluster; public: reachable from the internet.");

export const rpcEndpoint = z.strictObject({
  expose: exposure.default("internal"),
  allowFrom: z
    .strictObject({
      namespaces: z.array(z.string()).default([]),
      cidrs: z.array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "CIDRs look like 10.0.0.0/8")).default([]),
    })
    .optional(),
  auth: z.enum(["none", "jwt", "basic", "api-key", "mtls"]).default("none"),
  apis: z.array(z.string()).optional().describe("RPC namespaces to enable, e.g. [eth, net, web3]."),
  ws: z.boolean().default(false),
});

export const p2pEndpoint = z.strictObject({
  expose: z.enum(["public", "none"]).default("public"),
  port: z.number().int().min(1).max(65535).optional(),
  service: z
    .enum(["LoadBalancer", "NodePort"])
    .default("LoadBalancer")
    .describe("How public P2P ports are exposed: a cloud load balancer or a port on every cluster node."),
});

export const target = z.strictObject({
  cluster: z.string(),
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Kubernetes namespaces are lower-case DNS labels"),
});

export const autoscaling = z
  .strictObject({
    min: z.number().int().min(1),
    max: z.number().int().min(1),
    cpuPercent: z.number().int().min(1).max(100).optional(),
    memoryPercent: z.number().int().min(1).max(100).optional(),
    rpcRequestsPerSecond: z.number().positive().optional().describe("Scale out above this RPC rate per replica."),
  })
  .describe("Bounds for horizontal scaling of RPC-serving replicas.");

export const nodeBase = {
  network: name.describe("The network (from `networks`) this node joins."),
  role: z.enum(["full", "archive", "rpc", "validator", "collator"]).default("full"),
  replicas: z.number().int().min(1).max(100).default(1),
  resources,
  storage,
  rpc: rpcEndpoint.optional(),
  p2p: p2pEndpoint.optional(),
  metrics: z.strictObject({ enabled: z.boolean().default(true) }).optional(),
  target,
  autoscaling: autoscaling.optional(),
};
