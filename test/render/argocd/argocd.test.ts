import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { render } from "../../../src/render/index.js";
import { validateObjects } from "../../../src/render/kubernetes/validate.js";
import { loadExample } from "../helpers.js";

describe("argocd target", () => {
  it("points one Application per cluster at the rendered Kubernetes directory", async () => {
    const model = await loadExample();
    const files = render(model, "prod", ["argocd", "kubernetes"]);
    const apps = parseAllDocuments(files.find((f) => f.path === "argocd/prod/applications.yaml")!.content).map((d) => d.toJS());
    expect(validateObjects(apps)).toEqual([]);
    expect(apps).toHaveLength(1);
    const [app] = apps;
    expect(app.metadata).toMatchObject({ name: "acme-prod-prod-eks", namespace: "argocd" });
    expect(app.spec.project).toBe("web3");
    expect(app.spec.source).toMatchObject({
      repoURL: "https://github.com/acme/infra.git",
      path: "deploy/kubernetes/prod/prod-eks",
      targetRevision: "main",
    });
    expect(app.spec.destination).toEqual({ name: "prod-eks" });
    // The path holds the rendered manifests (relative to gitops.path).
    const rel = app.spec.source.path.replace(/^deploy\//, "");
    expect(files.filter((f) => f.path.startsWith(`${rel}/`)).length).toBeGreaterThan(1);
    // prod needs approval: no automated sync.
    expect(app.spec.syncPolicy.automated).toBeUndefined();
  });

  it("syncs automatically where the environment applies on merge, and renders nothing without gitops.argocd", async () => {
    const model = await loadExample();
    model.environments.prod!.autoApply = true;
    model.gitops = { path: "rendered", branch: "deploy", argocd: model.gitops!.argocd! };
    const app = parseAllDocuments(render(model, "prod", ["argocd"])[0]!.content)[0]!.toJS();
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.source).toMatchObject({ path: "rendered/kubernetes/prod/prod-eks", targetRevision: "deploy" });
    model.gitops = { path: "deploy" };
    expect(render(model, "prod", ["argocd"])).toEqual([]);
  });
});
