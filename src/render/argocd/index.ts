import { MANAGED_BY } from "../kubernetes/labels.js";
import type { K8sObject } from "../kubernetes/objects.js";
import { assertValidObjects } from "../kubernetes/validate.js";
import { readYamlTemplate } from "../templates.js";
import type { RenderedFile, RenderInput, RenderTarget } from "../types.js";
import { toYaml } from "../yaml.js";

type Template = { metadata: Record<string, unknown>; spec: Record<string, unknown> & { syncPolicy: Record<string, unknown> } };

/**
 * One Argo CD Application per cluster of the environment, pointing at the rendered
 * `kubernetes/<env>/<cluster>` directory under `gitops.path`. Environments that apply on merge
 * sync automatically (prune + self-heal); the others wait for a manual sync.
 */
export function argocdApplications({ model, env, nodes }: RenderInput): K8sObject[] {
  const argocd = model.gitops?.argocd;
  if (!argocd) return [];
  const root = model.gitops?.path ?? "deploy";
  const environment = model.environments[env]!;
  const template = readYamlTemplate<Template>("argocd/application.yaml");
  const clusters = [...new Set(nodes.map(([, n]) => n.target.cluster))].sort();
  return clusters.map((cluster) => ({
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      ...template.metadata,
      name: `${model.project}-${env}-${cluster}`.toLowerCase(),
      namespace: argocd.namespace,
      labels: { ...MANAGED_BY, "app.kubernetes.io/part-of": model.project, "w3o.dev/environment": env },
    },
    spec: {
      ...template.spec,
      project: argocd.project,
      source: {
        repoURL: argocd.repoURL,
        targetRevision: model.gitops?.branch ?? environment.branch,
        path: `${root}/kubernetes/${env}/${cluster}`,
        directory: { recurse: true },
      },
      // The cluster as registered in Argo CD; every object carries its own namespace.
      destination: { name: cluster },
      syncPolicy: { ...template.spec.syncPolicy, ...(environment.autoApply ? { automated: { prune: true, selfHeal: true } } : {}) },
    },
  }));
}

export const argocd: RenderTarget = {
  id: "argocd",
  description: "Argo CD Applications syncing each cluster's rendered directory (needs gitops.argocd in w3o.yaml).",
  render(input): RenderedFile[] {
    const apps = argocdApplications(input);
    assertValidObjects(apps);
    return apps.length === 0 ? [] : [{ path: `argocd/${input.env}/applications.yaml`, content: toYaml(apps) }];
  },
};
