// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/config/model.js";
import { validateObjects } from "../../../src/render/kubernetes/validate.js";
import { find, loadExample, nodeOf, objectsOf, withNodes } from "../../render/helpers.js";

let example: Model;
beforeAll(async () => {
  example = await loadExample();
});

const eth = (execution: string, consensus: string, extra: object = {}) =>
  nodeOf({
    chain: "ethereum",
    network: "mainnet",
    role: "rpc",
    execution: { client: execution, version: execution === "nethermind" ? "1.29.1" : "v1.14.12" },
    consensus: { client: consensus, version: consensus === "teku" ? "24.10.3" : "v5.3.0" },
    resources: { cpu: "4", memory: "16Gi" },
    storage: { size: "2Ti" },
    target: { cluster: "c", namespace: "eth" },
    ...extra,
  });

const pod = (objects: any[], name: string) => find(objects, "StatefulSet", name).spec.template.spec;
const container = (objects: any[], node: string, c: string) => pod(objects, node).containers.find((x: any) => x.name === c);

describe("ethereum renderer", () => {
  it("shares one JWT secret between the execution and consensus clients", () => {
    const objects = objectsOf(withNodes(example, { n: eth("geth", "lighthouse") }));
    const spec = pod(objects, "n");
    const jwt = spec.volumes.find((v: any) => v.secret);
    expect(jwt.secret.secretName).toBe("n-engine-jwt");
    for (const c of spec.containers) expect(c.volumeMounts).toContainEqual({ name: jwt.name, mountPath: "/secrets/jwt", readOnly: true });
    expect(container(objects, "n", "geth").args).toContain("--authrpc.jwtsecret=/secrets/jwt/jwt.hex");
    expect(container(objects, "n", "lighthouse").args).toContain("--execution-jwt=/secrets/jwt/jwt.hex");
    // A configured secret name wins.
    const named = objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { engine: { jwtSecret: { secretName: "shared" } } }) }));
    expect(pod(named, "n").volumes.find((v: any) => v.secret).secret.secretName).toBe("shared");
  });

  it("keeps the Engine API on localhost: bound to 127.0.0.1 and on no Service or container port", () => {
    for (const [el, cl, bind, endpoint] of [
      ["geth", "lighthouse", "--authrpc.addr=127.0.0.1", "--execution-endpoint=http://127.0.0.1:8551"],
      ["reth", "teku", "--authrpc.addr=127.0.0.1", "--ee-endpoint=http://127.0.0.1:8551"],
      ["nethermind", "lighthouse", "--JsonRpc.EngineHost=127.0.0.1", "--execution-endpoint=http://127.0.0.1:8551"],
    ] as const) {
      const objects = objectsOf(withNodes(example, { n: eth(el, cl) }));
      expect(container(objects, "n", el).args).toContain(bind);
      expect(container(objects, "n", cl).args).toContain(endpoint);
      const ports = objects.filter((o) => o.kind === "Service").flatMap((s: any) => s.spec.ports.map((p: any) => p.port));
      expect(ports).not.toContain(8551);
      expect(pod(objects, "n").containers.flatMap((c: any) => c.ports.map((p: any) => p.containerPort))).not.toContain(8551);
      expect(validateObjects(objects)).toEqual([]);
    }
  });

  it("probes each client on its real health endpoint", () => {
    const a = objectsOf(withNodes(example, { n: eth("nethermind", "teku") }));
    expect(container(a, "n", "nethermind").readinessProbe.httpGet).toEqual({ port: 8545, path: "/health" });
    expect(container(a, "n", "nethermind").args).toContain("--HealthChecks.Enabled=true");
    expect(container(a, "n", "teku").readinessProbe.httpGet).toEqual({ port: 5052, path: "/eth/v1/node/health" });
    const b = objectsOf(withNodes(example, { n: eth("geth", "lighthouse") }));
    expect(container(b, "n", "geth").readinessProbe.exec.command).toEqual([
      "geth",
      "attach",
      "--exec",
      "net.listening",
      "http://127.0.0.1:8545",
    ]);
    expect(container(b, "n", "geth").livenessProbe.tcpSocket).toEqual({ port: 8545 });
    expect(container(b, "n", "lighthouse").livenessProbe.httpGet).toEqual({ port: 5052, path: "/eth/v1/node/health" });
    const c = objectsOf(withNodes(example, { n: eth("reth", "lighthouse") }));
    expect(container(c, "n", "reth").readinessProbe.tcpSocket).toEqual({ port: 8545 });
  });

  it("pins images to the configured version or digest", () => {
    const digest = `ethereum/client-go@sha256:${"ab".repeat(32)}`;
    const objects = objectsOf(withNodes(example, { n: eth("geth", "teku", {}) }));
    expect(container(objects, "n", "geth").image).toBe("ethereum/client-go:v1.14.12");
    expect(container(objects, "n", "teku").image).toBe("consensys/teku:24.10.3");
    const node = eth("geth", "teku");
    if (node.chain === "ethereum") node.execution.image = digest;
    expect(container(objectsOf(withNodes(example, { n: node })), "n", "geth").image).toBe(digest);
  });

  it("scales on RPC request rate with KEDA when a rate is set, on CPU/memory with an HPA otherwise", () => {
    const keda = objectsOf(
      withNodes(example, { n: eth("geth", "lighthouse", { autoscaling: { min: 2, max: 5, rpcRequestsPerSecond: 300 } }) }),
    );
    const so = find(keda, "ScaledObject", "n");
    expect(so.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 5, scaleTargetRef: { kind: "StatefulSet", name: "n" } });
    const prom = so.spec.triggers.find((t: any) => t.type === "prometheus");
    expect(prom.metadata.threshold).toBe("300");
    expect(prom.metadata.query).toContain("rate(rpc_requests{");
    expect(prom.metadata.query).toContain('namespace="eth"');
    expect(keda.some((o) => o.kind === "HorizontalPodAutoscaler")).toBe(false);
    // One P2P Service per possible replica, up to the autoscaling maximum.
    expect(keda.filter((o) => o.metadata.name.startsWith("n-p2p-"))).toHaveLength(5);

    const hpa = objectsOf(
      withNodes(example, { n: eth("geth", "lighthouse", { autoscaling: { min: 1, max: 3, cpuPercent: 60, memoryPercent: 80 } }) }),
    );
    const h = find(hpa, "HorizontalPodAutoscaler", "n");
    expect(h.spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
    expect(h.spec.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([
      ["cpu", 60],
      ["memory", 80],
    ]);
    // Validators are never scaled.
    const validator = objectsOf(
      withNodes(example, { n: eth("geth", "lighthouse", { role: "validator", autoscaling: { min: 1, max: 3 } }) }),
    );
    expect(validator.some((o) => o.kind === "HorizontalPodAutoscaler" || o.kind === "ScaledObject")).toBe(false);
  });

  it("scrapes each client's metrics port and path with a PodMonitor", () => {
    const objects = objectsOf(withNodes(example, { n: eth("geth", "lighthouse") }));
    const endpoints = find(objects, "PodMonitor", "n").spec.podMetricsEndpoints;
    expect(endpoints.map((e: any) => [e.port, e.path])).toEqual([
      ["m-geth", "/debug/metrics/prometheus"],
      ["m-lighthouse", "/metrics"],
    ]);
    expect(container(objects, "n", "geth").ports).toContainEqual({ name: "m-geth", containerPort: 6060, protocol: "TCP" });
    const off = objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { metrics: { enabled: false } }) }));
    expect(off.some((o) => o.kind === "PodMonitor")).toBe(false);
  });

  it("refuses a network the clients cannot join by name", () => {
    expect(() => objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { network: "local" }) }))).toThrow(/chain id 31337/);
  });
});
