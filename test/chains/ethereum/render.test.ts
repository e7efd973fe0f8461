// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { jwtCommand } from "../../../src/chains/ethereum/jwt.js";
import { ethereumNode } from "../../../src/chains/ethereum/schema.js";
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
  it("generates the Engine API JWT in an init container into the in-memory volume both clients read", () => {
    for (const [el, cl, elFlag, clFlag] of [
      ["geth", "lighthouse", "--authrpc.jwtsecret=", "--execution-jwt="],
      ["nethermind", "teku", "--JsonRpc.JwtSecretFile=", "--ee-jwt-secret-file="],
    ] as const) {
      const objects = objectsOf(withNodes(example, { n: eth(el, cl) }));
      const spec = pod(objects, "n");
      const [init] = spec.initContainers;
      expect(init.image).toMatch(/^busybox:\d+\.\d+\.\d+$/);
      const volume = spec.volumes.find((v: any) => v.name === init.volumeMounts[0].name);
      // In memory, never a Secret: no JWT in git, in etcd, or on the node's disk.
      expect(volume).toEqual({ name: "jwt", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } });
      const written = `${init.volumeMounts[0].mountPath}/jwt.hex`;
      expect(init.command.at(-1)).toContain(`> ${written}`);
      for (const [c, flag] of [
        [el, elFlag],
        [cl, clFlag],
      ] as const) {
        const read = container(objects, "n", c)
          .args.find((a: string) => a.startsWith(flag))
          .slice(flag.length);
        expect(read).toBe(written);
        const mount = container(objects, "n", c).volumeMounts.find((m: any) => read.startsWith(`${m.mountPath}/`));
        expect(mount).toEqual({ name: volume.name, mountPath: init.volumeMounts[0].mountPath, readOnly: true });
      }
      expect(validateObjects(objects)).toEqual([]);
    }
  });

  it("the init container's command writes 32 random bytes as hex, once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "w3o-jwt-"));
    try {
      const file = path.join(dir, "jwt.hex");
      const run = () => execFileSync("sh", ["-c", jwtCommand(file)]);
      run();
      const first = readFileSync(file, "utf8");
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(file).mode & 0o077).toBe(0);
      run();
      expect(readFileSync(file, "utf8")).toBe(first);
      // The command the pod runs is this one, for the path the clients read.
      const objects = objectsOf(withNodes(example, { n: eth("geth", "lighthouse") }));
      expect(pod(objects, "n").initContainers[0].command).toEqual(["sh", "-c", jwtCommand()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("mounts a named Secret instead, with no init container, when engine.jwtSecret.secretName is set", () => {
    const named = objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { engine: { jwtSecret: { secretName: "shared" } } }) }));
    const spec = pod(named, "n");
    expect(spec.initContainers).toBeUndefined();
    const jwt = spec.volumes.find((v: any) => v.name === "jwt");
    expect(jwt.secret.secretName).toBe("shared");
    for (const c of spec.containers) expect(c.volumeMounts).toContainEqual({ name: "jwt", mountPath: "/secrets/jwt", readOnly: true });
  });

  it("advertises the pod IP and the P2P ports to peers, from the downward API", () => {
    for (const [el, cl, elArgs, clArgs] of [
      [
        "geth",
        "lighthouse",
        ["--nat=extip:$(POD_IP)"],
        ["--enr-address=$(POD_IP)", "--enr-tcp-port=9000", "--enr-udp-port=9000", "--disable-upnp"],
      ],
      ["reth", "teku", ["--nat=extip:$(POD_IP)"], ["--p2p-advertised-ip=$(POD_IP)", "--p2p-advertised-port=9000"]],
      ["nethermind", "lighthouse", ["--Network.ExternalIp=$(POD_IP)"], ["--enr-address=$(POD_IP)"]],
    ] as const) {
      const objects = objectsOf(withNodes(example, { n: eth(el, cl) }));
      for (const [c, args] of [
        [el, elArgs],
        [cl, clArgs],
      ] as const) {
        const k = container(objects, "n", c);
        for (const a of args) expect(k.args).toContain(a);
        // $(POD_IP) is expanded by the kubelet only when the container defines it.
        expect(k.env).toContainEqual({ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } });
      }
      // The advertised consensus port is the one the per-pod Service forwards.
      const p2p = find(objects, "Service", "n-p2p-0").spec.ports;
      expect(p2p).toContainEqual({ name: "cl-p2p-udp", port: 9000, targetPort: "cl-p2p-udp", protocol: "UDP" });
      expect(p2p).toContainEqual({ name: "p2p-tcp", port: 30303, targetPort: "p2p-tcp", protocol: "TCP" });
    }
  });

  it("splits pod resources 3:1 between the clients by default, or takes each client's own", () => {
    const split = objectsOf(withNodes(example, { n: eth("geth", "lighthouse") }));
    expect(container(split, "n", "geth").resources.requests).toEqual({ cpu: "3000m", memory: "12288Mi" });
    expect(container(split, "n", "lighthouse").resources.requests).toEqual({ cpu: "1000m", memory: "4096Mi" });
    const own = objectsOf(
      withNodes(example, {
        n: eth("geth", "lighthouse", {
          resources: {
            execution: { cpu: "6", memory: "24Gi", limits: { memory: "32Gi" } },
            consensus: { cpu: "2", memory: "8Gi" },
          },
        }),
      }),
    );
    expect(container(own, "n", "geth").resources).toEqual({
      requests: { cpu: "6000m", memory: "24576Mi" },
      limits: { cpu: "12000m", memory: "32768Mi" },
    });
    expect(container(own, "n", "lighthouse").resources.requests).toEqual({ cpu: "2000m", memory: "8192Mi" });
    expect(validateObjects(own)).toEqual([]);
  });

  it("accepts either the pod's resources or both clients', never a mix", () => {
    const r = (resources: object) => ethereumNode.shape.resources.safeParse(resources);
    expect(r({ cpu: "4", memory: "16Gi" }).success).toBe(true);
    expect(r({ execution: { cpu: "4", memory: "16Gi" }, consensus: { cpu: "1", memory: "4Gi" } }).success).toBe(true);
    expect(r({ cpu: "4", memory: "16Gi", execution: { cpu: "4", memory: "16Gi" } }).success).toBe(false);
    expect(r({ execution: { cpu: "4", memory: "16Gi" } }).error?.issues[0]?.path).toEqual(["consensus"]);
    expect(r({ cpu: "4" }).success).toBe(false);
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
      ["metrics", "/debug/metrics/prometheus"],
      ["cl-metrics", "/metrics"],
    ]);
    expect(container(objects, "n", "geth").ports).toContainEqual({ name: "metrics", containerPort: 6060, protocol: "TCP" });
    const off = objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { metrics: { enabled: false } }) }));
    expect(off.some((o) => o.kind === "PodMonitor")).toBe(false);
  });

  it("names ports as the ethpandaops charts do, so monitors written for them match", () => {
    const objects = objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { rpc: { ws: true } }) }));
    const names = (c: string) => container(objects, "n", c).ports.map((p: any) => p.name);
    expect(names("geth")).toEqual(["http-rpc", "ws-rpc", "p2p-tcp", "p2p-udp", "metrics"]);
    expect(names("lighthouse")).toEqual(["http-api", "cl-p2p-tcp", "cl-p2p-udp", "cl-metrics"]);
    // A PodMonitor for the geth chart (`port: metrics`) scrapes geth's metrics port here.
    expect(container(objects, "n", "geth").ports.find((p: any) => p.name === "metrics").containerPort).toBe(6060);
    expect(find(objects, "Service", "n-rpc").spec.ports.map((p: any) => p.targetPort)).toEqual(["http-rpc", "ws-rpc", "http-api"]);
  });

  it("refuses a network the clients cannot join by name", () => {
    expect(() => objectsOf(withNodes(example, { n: eth("geth", "lighthouse", { network: "local" }) }))).toThrow(/chain id 31337/);
  });
});
