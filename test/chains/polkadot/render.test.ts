// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { describe, expect, it } from "vitest";
import { validateObjects } from "../../../src/render/kubernetes/validate.js";
import { find, loadExample, nodeOf, objectsOf, withNodes } from "../../render/helpers.js";

const dot = (extra: object = {}) =>
  nodeOf({
    chain: "polkadot",
    network: "polkadot",
    client: { name: "polkadot", version: "v1.16.2" },
    resources: { cpu: "4", memory: "16Gi" },
    storage: { size: "500Gi" },
    rpc: { allowFrom: { namespaces: ["apps"] } },
    target: { cluster: "c", namespace: "dot" },
    ...extra,
  });

describe("polkadot renderer", () => {
  it("runs a relay-chain node with /health probes, safe RPC and Prometheus on 9615", async () => {
    const objects = objectsOf(withNodes(await loadExample(), { n: dot() }));
    expect(validateObjects(objects)).toEqual([]);
    const c = find(objects, "StatefulSet", "n").spec.template.spec.containers[0];
    expect(c.image).toBe("parity/polkadot:v1.16.2");
    expect(c.args).toEqual(
      expect.arrayContaining(["--chain=polkadot", "--rpc-methods=safe", "--rpc-port=9944", "--prometheus-port=9615", "--sync=warp"]),
    );
    expect(c.livenessProbe.httpGet).toEqual({ port: 9944, path: "/health" });
    expect(c.readinessProbe.httpGet).toEqual({ port: 9944, path: "/health/readiness" });
    expect(find(objects, "Service", "n-rpc").spec.type).toBe("ClusterIP");
  });

  it("runs a parachain collator with the relay chain's arguments after `--`", async () => {
    const objects = objectsOf(
      withNodes(await loadExample(), {
        n: dot({ role: "collator", parachain: { id: 2004, chainSpec: "moonbeam", image: "acme/collator:v0.40.0" } }),
      }),
    );
    expect(validateObjects(objects)).toEqual([]);
    const c = find(objects, "StatefulSet", "n").spec.template.spec.containers[0];
    expect(c.image).toBe("acme/collator:v0.40.0");
    const split = c.args.indexOf("--");
    expect(split).toBeGreaterThan(0);
    const [para, relay] = [c.args.slice(0, split), c.args.slice(split + 1)];
    expect(para).toEqual(expect.arrayContaining(["--chain=moonbeam", "--collator", "--port=30333"]));
    expect(relay).toEqual(expect.arrayContaining(["--chain=polkadot", "--port=30334"]));
    expect(find(objects, "Service", "n-p2p-0").spec.ports.map((p: any) => p.port)).toEqual([30333, 30334]);
    // Collators are never autoscaled.
    const scaled = objectsOf(
      withNodes(await loadExample(), {
        n: dot({ role: "collator", parachain: { id: 2004, chainSpec: "moonbeam" }, autoscaling: { min: 1, max: 3 } }),
      }),
    );
    expect(scaled.some((o) => o.kind === "HorizontalPodAutoscaler")).toBe(false);
  });
});
