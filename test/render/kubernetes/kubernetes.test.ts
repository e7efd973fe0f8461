// biome-ignore-all lint/suspicious/noExplicitAny: tests walk arbitrary manifests
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/config/model.js";
import { monitoring } from "../../../src/config/schema/root.js";
import { render } from "../../../src/render/index.js";
import { KUBERNETES_SCHEMA_VERSION, validateObjects } from "../../../src/render/kubernetes/validate.js";
import { ROOT, runCli } from "../../helpers/cli.js";
import { everyChainModel, find, loadExample, objectsOf, parseFiles } from "../helpers.js";

let model: Model;
beforeAll(async () => {
  model = everyChainModel(await loadExample());
});

describe("kubernetes target", () => {
  it(`renders objects that all validate against the Kubernetes ${KUBERNETES_SCHEMA_VERSION} and CRD schemas`, () => {
    const objects = objectsOf(model);
    expect(objects.length).toBeGreaterThan(20);
    expect(validateObjects(objects)).toEqual([]);
    // The rendered text, parsed back, is what gets validated in CI and applied by Argo CD.
    const parsed = parseFiles(render(model, "test", ["kubernetes"]));
    expect(validateObjects(parsed)).toEqual([]);
  });

  it("rejects an invalid object (the validator is not a no-op)", () => {
    const sts = structuredClone(find(objectsOf(model), "StatefulSet", "eth"));
    sts.spec.replicas = "two";
    delete sts.spec.selector;
    const problems = validateObjects([sts, { apiVersion: "example.com/v1", kind: "Nope", metadata: { name: "x" } }]);
    expect(problems).toHaveLength(2);
    expect(problems[0]?.message).toMatch(/selector|replicas/);
  });

  it("is deterministic: two processes render byte-identical files", async () => {
    // In one process a render compared with itself shares every cache and iteration order; two
    // processes (and a different TZ and locale) do not.
    const outs = await Promise.all([0, 1].map(() => mkdtemp(path.join(os.tmpdir(), "w3o-render-"))));
    try {
      const envs = [
        { TZ: "UTC", LANG: "C" },
        { TZ: "Asia/Kolkata", LANG: "de_DE.UTF-8" },
      ];
      for (const [i, out] of outs.entries()) {
        const res = runCli(["render", path.join(ROOT, "examples/infra"), "--env", "prod", "--out", out!], { env: envs[i] });
        expect(res.code, res.stderr).toBe(0);
      }
      const read = async (dir: string) => {
        const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
        const paths = files.map((f) => path.relative(dir, path.join(f.parentPath, f.name))).sort();
        return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await readFile(path.join(dir, p), "utf8")])));
      };
      const [a, b] = await Promise.all(outs.map((d) => read(d!)));
      expect(Object.keys(a!).length).toBeGreaterThan(10);
      expect(b).toEqual(a);
    } finally {
      await Promise.all(outs.map((d) => rm(d!, { recursive: true, force: true })));
    }
  });

  it("hardens every container of every chain by default", () => {
    const sets = objectsOf(model).filter((o) => o.kind === "StatefulSet");
    expect(sets.map((s) => s.metadata.name).sort()).toEqual(["avax", "dot", "eth", "sol"]);
    for (const s of sets as any[]) {
      const pod = s.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
        expect(c.securityContext, `${s.metadata.name}/${c.name}`).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.resources.limits.cpu).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
        // Pinned: an explicit version tag (never latest) or a digest.
        expect(c.image).toMatch(/(:v?\d+\.\d+[^:]*|@sha256:[0-9a-f]{64})$/);
        expect(c.image).not.toMatch(/:latest$/);
      }
      const name = s.metadata.name;
      const objects = objectsOf(model);
      expect(find(objects, "NetworkPolicy", name).spec.podSelector.matchLabels).toEqual(s.spec.selector.matchLabels);
      expect(find(objects, "PodDisruptionBudget", name).spec.selector.matchLabels).toEqual(s.spec.selector.matchLabels);
      expect(find(objects, "ServiceAccount", name).automountServiceAccountToken).toBe(false);
      expect(s.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("500Gi");
    }
  });

  it("keeps RPC internal by default and admits only the declared namespaces", () => {
    const objects = objectsOf(model);
    expect(find(objects, "Service", "eth-rpc").spec.type).toBe("ClusterIP");
    const np = find(objects, "NetworkPolicy", "eth");
    const rpcRule = np.spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 8545));
    expect(rpcRule.from).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["apps"] }] } },
    ]);
    // No allowFrom at all: no rule for the RPC ports (an empty `from` would admit everyone).
    const dotRules = find(objects, "NetworkPolicy", "dot").spec.ingress;
    expect(dotRules.some((r: any) => r.ports.some((p: any) => p.port === 9944))).toBe(false);
    // P2P is public by default: one LoadBalancer per replica, admitted from anywhere.
    expect(find(objects, "Service", "eth-p2p-0").spec.type).toBe("LoadBalancer");
    const p2pRule = np.spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 30303));
    expect(p2pRule.from).toBeUndefined();
  });

  it("exposes RPC publicly only when asked, and honours cidrs and NodePort P2P", () => {
    const eth = structuredClone(model.nodes.eth!);
    eth.rpc = { expose: "public", auth: "none", ws: false };
    const dot = structuredClone(model.nodes.dot!);
    dot.rpc = { expose: "internal", auth: "none", ws: false, allowFrom: { namespaces: ["b", "a"], cidrs: ["10.0.0.0/8"] } };
    dot.p2p = { expose: "public", service: "NodePort" };
    const objects = objectsOf({ ...model, nodes: { ...model.nodes, eth, dot } });
    expect(find(objects, "Service", "eth-rpc").spec.type).toBe("LoadBalancer");
    const ethRpc = find(objects, "NetworkPolicy", "eth").spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 8545));
    expect(ethRpc.from).toBeUndefined();
    const dotRpc = find(objects, "NetworkPolicy", "dot").spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 9944));
    expect(dotRpc.from).toEqual([
      { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["a", "b"] }] } },
      { ipBlock: { cidr: "10.0.0.0/8" } },
    ]);
    expect(find(objects, "Service", "dot-p2p-0").spec.type).toBe("NodePort");
  });

  it("keeps replicas of one node on different hosts, only when there can be more than one", () => {
    const withEth = (extra: object) => objectsOf({ ...model, nodes: { ...model.nodes, eth: { ...model.nodes.eth!, ...extra } } });
    const affinity = (objects: any[]) => find(objects, "StatefulSet", "eth").spec.template.spec.affinity;
    expect(affinity(withEth({ replicas: 1 }))).toBeUndefined();
    for (const objects of [withEth({ replicas: 2 }), withEth({ replicas: 1, autoscaling: { min: 1, max: 3 } })]) {
      const sts = find(objects, "StatefulSet", "eth");
      const [term] = affinity(objects).podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
      expect(term.podAffinityTerm.topologyKey).toBe("kubernetes.io/hostname");
      // The term repels the node's own pods: its selector matches the pod template's labels.
      const podLabels = sts.spec.template.metadata.labels;
      expect(Object.entries(term.podAffinityTerm.labelSelector.matchLabels).every(([k, v]) => podLabels[k] === v)).toBe(true);
      expect(affinity(objects).podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
      expect(validateObjects(objects)).toEqual([]);
    }
  });

  it("points every PodMonitor endpoint and Service targetPort at a named port of the pod", () => {
    const objects = objectsOf(model);
    for (const sts of objects.filter((o) => o.kind === "StatefulSet") as any[]) {
      const name = sts.metadata.name;
      const named = new Set(sts.spec.template.spec.containers.flatMap((c: any) => c.ports.map((p: any) => p.name)));
      const monitor = objects.find((o) => o.kind === "PodMonitor" && o.metadata.name === name) as any;
      for (const e of monitor?.spec.podMetricsEndpoints ?? []) expect(named).toContain(e.port);
      for (const svc of objects.filter((o) => o.kind === "Service" && o.metadata.name.startsWith(`${name}-`)) as any[])
        for (const p of svc.spec.ports) expect(named).toContain(p.targetPort);
    }
    // RPC ports by the charts' names: ServiceMonitors for `http-rpc` match.
    expect(find(objects, "Service", "eth-rpc").spec.ports[0].name).toBe("http-rpc");
    expect(find(objects, "Service", "dot-rpc").spec.ports[0].name).toBe("http-rpc");
  });

  it("adds monitoring.labels to every PodMonitor, keeping its own labels", () => {
    const labelled = objectsOf({
      ...model,
      monitoring: { labels: { release: "kube-prometheus-stack", "app.kubernetes.io/managed-by": "x" } },
    });
    const monitors = labelled.filter((o) => o.kind === "PodMonitor");
    expect(monitors.length).toBeGreaterThan(1);
    for (const m of monitors) {
      expect(m.metadata.labels).toMatchObject({ release: "kube-prometheus-stack", "app.kubernetes.io/managed-by": "w3o" });
    }
    expect(validateObjects(labelled)).toEqual([]);
    for (const m of objectsOf(model).filter((o) => o.kind === "PodMonitor")) expect(m.metadata.labels).not.toHaveProperty("release");
  });

  it("accepts only Kubernetes label keys and values in monitoring.labels", () => {
    expect(monitoring.safeParse({ labels: { release: "kube-prometheus-stack", "example.com/team": "nodes" } }).success).toBe(true);
    expect(monitoring.safeParse({ labels: { "bad key": "x" } }).success).toBe(false);
    expect(monitoring.safeParse({ labels: { release: "not ok!" } }).success).toBe(false);
  });

  it("labels namespaces for the restricted Pod Security Standard", () => {
    const ns = find(objectsOf(model), "Namespace", "nodes");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });
});
