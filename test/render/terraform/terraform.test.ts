import { parse } from "@cdktf/hcl2json";
import { beforeAll, describe, expect, it } from "vitest";
import type { Model } from "../../../src/config/model.js";
import { render } from "../../../src/render/index.js";
import { EXTERNAL_VARIABLES } from "../../../src/render/terraform/index.js";
import { instanceTypeFor } from "../../../src/render/terraform/sizing.js";
import { loadExample, nodeOf } from "../helpers.js";

type Hcl = Record<string, Record<string, Record<string, unknown>[]>>;

let model: Model;
let hcl: Hcl;
let tfvars: Record<string, unknown>;
let paths: string[];

beforeAll(async () => {
  model = await loadExample();
  const files = render(model, "prod", ["terraform"]);
  paths = files.map((f) => f.path);
  const parsed: Hcl[] = [];
  for (const f of files.filter((f) => f.path.endsWith(".tf"))) parsed.push((await parse(f.path, f.content)) as Hcl);
  // Merge blocks of every file: Terraform reads a module's .tf files as one.
  hcl = {};
  for (const p of parsed) for (const [kind, blocks] of Object.entries(p)) hcl[kind] = { ...hcl[kind], ...blocks };
  tfvars = JSON.parse(files.find((f) => f.path.endsWith("terraform.tfvars.json"))!.content);
});

const refs = (prefix: string) =>
  new Set([...JSON.stringify(hcl).matchAll(new RegExp(`\\b${prefix}\\.([A-Za-z_][A-Za-z0-9_-]*)`, "g"))].map((m) => m[1]!));

describe("terraform target", () => {
  it("renders one root module per cluster with its tfvars", () => {
    expect(paths).toEqual([
      "terraform/prod/prod-eks/main.tf",
      "terraform/prod/prod-eks/outputs.tf",
      "terraform/prod/prod-eks/terraform.tfvars.json",
      "terraform/prod/prod-eks/variables.tf",
      "terraform/prod/prod-eks/versions.tf",
    ]);
  });

  it("declares every variable the module uses, and uses every variable it declares", () => {
    const declared = new Set(Object.keys(hcl.variable!));
    expect([...refs("var")].filter((v) => !declared.has(v))).toEqual([]);
    expect([...declared].filter((v) => !refs("var").has(v))).toEqual([]);
  });

  it("sets only declared variables, and every required one except those supplied per account", () => {
    const declared = hcl.variable!;
    expect(Object.keys(tfvars).filter((k) => !(k in declared))).toEqual([]);
    const required = Object.entries(declared)
      .filter(([, [v]]) => !("default" in (v as object)))
      .map(([k]) => k);
    expect(required.filter((k) => !(k in tfvars) && !(EXTERNAL_VARIABLES as readonly string[]).includes(k))).toEqual([]);
    // The object type of node_groups names every attribute the tfvars give.
    const type = String((declared.node_groups![0] as { type: string }).type);
    for (const group of Object.values(tfvars.node_groups as Record<string, object>))
      for (const attr of Object.keys(group)) expect(type).toContain(attr);
  });

  it("outputs what the next steps need, from modules and resources that exist", () => {
    expect(Object.keys(hcl.output!).sort()).toEqual([
      "cluster_certificate_authority_data",
      "cluster_endpoint",
      "cluster_name",
      "node_groups",
      "storage_classes",
      "vpc_id",
    ]);
    const modules = new Set(Object.keys(hcl.module!));
    expect([...refs("module")].filter((m) => !modules.has(m))).toEqual([]);
    expect(hcl.module!.eks![0]).toMatchObject({ source: "terraform-aws-modules/eks/aws" });
    expect(Object.keys(hcl.resource!.kubernetes_storage_class_v1!)).toEqual(["gp3"]);
  });

  it("sizes node groups and storage from the nodes", () => {
    expect(tfvars).toMatchObject({
      cluster_name: "prod-eks",
      storage_classes: ["gp3"],
      tags: { project: "acme", environment: "prod", "managed-by": "w3o" },
      node_groups: {
        // 4 vCPU, 32Gi memory limit: memory-optimised 8 vCPU / 64 GiB.
        "eth-mainnet": {
          instance_types: ["r6i.2xlarge"],
          min_size: 2,
          max_size: 6,
          desired_size: 2,
          labels: { "w3o.dev/node": "eth-mainnet" },
        },
        "avax-c": { instance_types: ["m6i.4xlarge"], min_size: 1, max_size: 1 },
        // 4 vCPU + overhead no longer fits a 4-vCPU type.
        "dot-rpc": { instance_types: ["m6i.2xlarge"] },
      },
    });
    const huge = nodeOf({
      chain: "solana",
      network: "x",
      client: { name: "agave", version: "v2.0.18" },
      resources: { cpu: "96", memory: "1Ti" },
      storage: { size: "4Ti" },
      target: { cluster: "c", namespace: "n" },
    });
    expect(() => instanceTypeFor("sol", huge)).toThrow(/no instance type/);
  });

  it("sizes an Ethereum pod from both clients' resources when they are given per client", () => {
    const eth = nodeOf({
      chain: "ethereum",
      network: "mainnet",
      execution: { client: "geth", version: "v1.14.12" },
      consensus: { client: "lighthouse", version: "v5.3.0" },
      // 4 + 2 vCPU and 24 + 8 GiB: fits 8 vCPU / 64 GiB only with both counted.
      resources: { execution: { cpu: "4", memory: "16Gi", limits: { memory: "24Gi" } }, consensus: { cpu: "2", memory: "8Gi" } },
      storage: { size: "2Ti" },
      target: { cluster: "c", namespace: "n" },
    });
    expect(instanceTypeFor("eth", eth)).toBe("r6i.2xlarge");
  });

  it("parses with a real HCL parser that rejects broken HCL", async () => {
    await expect(parse("bad.tf", 'variable "x" {\n  type = \n')).rejects.toThrow();
  });
});
