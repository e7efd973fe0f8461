import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/config/load.js";
import { runAudit } from "../../src/policy/audit.js";
import { renderedManifests } from "../../src/policy/renderedManifests.js";
import { ROOT } from "../helpers/cli.js";

const HARDENING = ["W3O-SEC-010", "W3O-SEC-011", "W3O-SEC-012", "W3O-SEC-013", "W3O-SEC-014", "W3O-SEC-016"];
const tmp: string[] = [];
afterAll(async () => {
  for (const d of tmp) await rm(d, { recursive: true, force: true });
});

describe("audit of rendered manifests", () => {
  it("renders every environment's nodes at the paths GitOps mode commits them to", async () => {
    const files = renderedManifests(await loadModel(path.join(ROOT, "examples/infra"))).map((f) => f.file);
    expect(files).toContain("deploy/kubernetes/prod/prod-eks/ethereum/eth-mainnet.yaml");
    expect(files).toContain("deploy/kubernetes/prod/prod-eks/polkadot/dot-rpc.yaml");
  });

  it("checks container hardening on what w3o renders, and the example passes it", async () => {
    const { evaluation } = await runAudit(path.join(ROOT, "examples/infra"));
    const onRendered = evaluation.results.filter((r) => HARDENING.includes(r.ruleId) && r.location.file.startsWith("deploy/kubernetes/"));
    // One result per rendered workload and rule: eth-mainnet, avax-c and dot-rpc (and the Ethereum pair's containers).
    expect(new Set(onRendered.map((r) => r.ruleId))).toEqual(new Set(HARDENING));
    expect(onRendered.every((r) => r.status === "pass")).toBe(true);
  });

  it("checks the Engine API JWT on the rendered Ethereum clients, and the example's pair passes without a declared Secret", async () => {
    const { evaluation } = await runAudit(path.join(ROOT, "examples/infra"));
    const onRendered = (rule: string) =>
      evaluation.results.filter((r) => r.ruleId === rule && r.location.file.startsWith("deploy/kubernetes/"));
    const jwt = onRendered("W3O-SEC-003").filter((r) => r.status !== "skipped");
    // Both clients of the pair use the Engine API; the JWT init container and the other chains do not.
    expect(jwt.map((r) => [r.resource, r.status]).sort()).toEqual([
      ["StatefulSet/eth-mainnet/geth", "pass"],
      ["StatefulSet/eth-mainnet/lighthouse", "pass"],
    ]);
    // The init container that writes the JWT is hardened like the clients.
    const init = HARDENING.flatMap((rule) => onRendered(rule)).filter((r) => r.resource === "StatefulSet/eth-mainnet/engine-jwt");
    expect(init).toHaveLength(HARDENING.length);
    expect(init.every((r) => r.status === "pass")).toBe(true);
  });

  it("flags an unpinned image override in the rendered StatefulSet", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-rendered-"));
    tmp.push(dir);
    await cp(path.join(ROOT, "examples/infra"), dir, { recursive: true });
    const file = path.join(dir, "nodes/ethereum.yaml");
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace(
        "execution: { client: geth, version: v1.14.12 }",
        'execution: { client: geth, version: v1.14.12, image: "ethereum/client-go:latest" }',
      ),
    );
    const { evaluation } = await runAudit(dir);
    const unpinned = evaluation.findings.filter((f) => f.ruleId === "W3O-SEC-014");
    expect(unpinned).toHaveLength(1);
    expect(unpinned[0]?.location.file).toBe("deploy/kubernetes/prod/prod-eks/ethereum/eth-mainnet.yaml");
  });

  it("needs a NetworkPolicy that selects the workload's pods, not just any policy in the namespace", async () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "geth", namespace: "eth" },
      spec: { template: { metadata: { labels: { app: "geth" } }, spec: { containers: [] } } },
    };
    const policy = (podSelector: object) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "p", namespace: "eth" },
      spec: { podSelector },
    });
    const audit = async (selector: object) => {
      const { evaluation } = await runAudit(path.join(ROOT, "examples/infra"), {
        rendered: [{ file: "deploy/x.yaml", objects: [sts, policy(selector)] }],
      });
      return evaluation.findings.filter((f) => f.ruleId === "W3O-SEC-015").map((f) => f.message);
    };
    expect(await audit({ matchLabels: { app: "lighthouse" } })).toEqual([
      "namespace eth: no NetworkPolicy selects the pods of StatefulSet/geth",
    ]);
    expect(await audit({ matchLabels: { app: "geth" } })).toEqual([]);
    expect(await audit({})).toEqual([]);
    expect(await audit({ matchExpressions: [{ key: "app", operator: "In", values: ["geth", "reth"] }] })).toEqual([]);
  });
});
