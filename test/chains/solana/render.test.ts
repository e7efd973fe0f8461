// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { describe, expect, it } from "vitest";
import { validateObjects } from "../../../src/render/kubernetes/validate.js";
import { everyChainModel, find, loadExample, objectsOf } from "../../render/helpers.js";

describe("solana renderer", () => {
  it("runs a non-voting agave RPC node on the cluster its genesis hash names", async () => {
    const objects = objectsOf(everyChainModel(await loadExample()));
    expect(validateObjects(objects)).toEqual([]);
    const spec = find(objects, "StatefulSet", "sol").spec.template.spec;
    const c = spec.containers[0];
    expect(c.image).toBe("anzaxyz/agave:v2.0.18");
    expect(c.args).toEqual(
      expect.arrayContaining([
        "--no-voting",
        "--rpc-port=8899",
        "--expected-genesis-hash=5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d",
        "--entrypoint=entrypoint.mainnet-beta.solana.com:8001",
      ]),
    );
    expect(c.readinessProbe.httpGet).toEqual({ port: 8899, path: "/health" });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 8899 });
    // The identity is generated on the volume by an init container, never rendered.
    expect(spec.initContainers[0].command.join(" ")).toContain("solana-keygen new");
    expect(find(objects, "Service", "sol-rpc").spec.ports.map((p: any) => p.port)).toEqual([8899, 8900]);
    const gossip = find(objects, "Service", "sol-p2p-0").spec.ports.map((p: any) => `${p.port}/${p.protocol}`);
    expect(gossip).toEqual(expect.arrayContaining(["8001/TCP", "8001/UDP"]));
    // Agave has no Prometheus endpoint: no PodMonitor pointing at nothing.
    expect(objects.some((o) => o.kind === "PodMonitor" && o.metadata.name === "sol")).toBe(false);
  });
});
