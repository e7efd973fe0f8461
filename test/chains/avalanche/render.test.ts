// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { describe, expect, it } from "vitest";
import { validateObjects } from "../../../src/render/kubernetes/validate.js";
import { find, loadExample, objectsOf } from "../../render/helpers.js";

describe("avalanche renderer", () => {
  it("renders the example's avalanchego node with its real health and metrics endpoints", async () => {
    const model = await loadExample();
    const objects = objectsOf(model, "prod");
    expect(validateObjects(objects)).toEqual([]);
    const c = find(objects, "StatefulSet", "avax-c").spec.template.spec.containers[0];
    expect(c.image).toBe("avaplatform/avalanchego:v1.11.13");
    expect(c.args).toEqual(expect.arrayContaining(["--network-id=mainnet", "--http-port=9650", "--staking-port=9651", "--data-dir=/data"]));
    expect(c.livenessProbe.httpGet).toEqual({ port: 9650, path: "/ext/health/liveness" });
    expect(c.readinessProbe.httpGet).toEqual({ port: 9650, path: "/ext/health/readiness" });
    expect(find(objects, "PodMonitor", "avax-c").spec.podMetricsEndpoints[0]).toMatchObject({ port: "http-rpc", path: "/ext/metrics" });
    // RPC stays in the cluster, reachable from `apps` only; staking P2P is public.
    expect(find(objects, "Service", "avax-c-rpc").spec).toMatchObject({ type: "ClusterIP", ports: [{ port: 9650 }] });
    const rules = find(objects, "NetworkPolicy", "avax-c").spec.ingress;
    const rpc = rules.find((r: any) =>
      r.ports.some((p: any) => p.port === 9650 && !r.from?.[0]?.namespaceSelector?.matchExpressions?.[0]?.values.includes("monitoring")),
    );
    expect(rpc.from[0].namespaceSelector.matchExpressions[0].values).toEqual(["apps"]);
    expect(find(objects, "Service", "avax-c-p2p-0").spec.ports).toEqual([
      { name: "staking", port: 9651, targetPort: "staking", protocol: "TCP" },
    ]);
  });

  it("tracks the configured subnets and picks fuji by chain id", async () => {
    const model = await loadExample();
    const node = structuredClone(model.nodes["avax-c"]!);
    if (node.chain === "avalanche") node.trackSubnets = ["b2", "a1"];
    const fuji = { ...model.networks["avalanche-c"]!, chainId: 43113 };
    const objects = objectsOf({ ...model, nodes: { "avax-c": node }, networks: { ...model.networks, "avalanche-c": fuji } }, "prod");
    const args = find(objects, "StatefulSet", "avax-c").spec.template.spec.containers[0].args;
    expect(args).toContain("--track-subnets=a1,b2");
    expect(args).toContain("--network-id=fuji");
  });
});
