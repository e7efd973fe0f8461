import { readdirSync } from "node:fs";
import path from "node:path";
import { readTemplate, templatesDir } from "../templates.js";
import type { RenderedFile, RenderInput, RenderTarget } from "../types.js";
import { toJson } from "../yaml.js";
import { instanceTypeFor } from "./sizing.js";

/** The Terraform root module: its files are shipped as they are; only the variables vary. */
export const MODULE_DIR = "terraform/aws";
/** Variables the infra repo cannot know (per AWS account), supplied at apply time. */
export const EXTERNAL_VARIABLES = ["region"] as const;

export function tfvars({ model, env, nodes }: RenderInput, cluster: string) {
  const mine = nodes.filter(([, n]) => n.target.cluster === cluster);
  return {
    cluster_name: cluster,
    node_groups: Object.fromEntries(
      mine.map(([name, n]) => [
        name,
        {
          instance_types: [instanceTypeFor(name, n)],
          min_size: n.autoscaling?.min ?? n.replicas,
          max_size: Math.max(n.autoscaling?.max ?? n.replicas, n.replicas),
          desired_size: Math.max(n.replicas, n.autoscaling?.min ?? 1),
          disk_size_gb: 100,
          labels: { "w3o.dev/node": name, "w3o.dev/chain": n.chain },
        },
      ]),
    ),
    storage_classes: [...new Set(mine.map(([, n]) => n.storage.class).filter((c): c is string => !!c))].sort(),
    tags: { project: model.project, environment: env, "managed-by": "w3o" },
  };
}

export function terraformFiles(input: RenderInput): RenderedFile[] {
  const moduleFiles = readdirSync(path.join(templatesDir(), MODULE_DIR))
    .filter((f) => f.endsWith(".tf"))
    .sort();
  const clusters = [...new Set(input.nodes.map(([, n]) => n.target.cluster))].sort();
  return clusters.flatMap((cluster) => {
    const dir = `terraform/${input.env}/${cluster}`;
    return [
      ...moduleFiles.map((f) => ({ path: `${dir}/${f}`, content: readTemplate(`${MODULE_DIR}/${f}`) })),
      { path: `${dir}/terraform.tfvars.json`, content: toJson(tfvars(input, cluster)) },
    ];
  });
}

export const terraform: RenderTarget = {
  id: "terraform",
  description: "AWS EKS cluster, managed node groups sized from the nodes, and gp3 EBS StorageClasses, per cluster.",
  render: terraformFiles,
};
