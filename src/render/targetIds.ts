/**
 * The render targets by name, without their code (the registry is `targets` in index.ts, which must
 * have exactly these keys): `w3o --help` lists them without loading the Kubernetes models.
 */
export const targetIds = ["kubernetes", "terraform", "prometheus", "grafana", "argocd"] as const;
export type TargetId = (typeof targetIds)[number];
