import type { Model } from "../config/model.js";
import { argocd } from "./argocd/index.js";
import { renderInput } from "./context.js";
import { grafana } from "./grafana/index.js";
import { kubernetes } from "./kubernetes/index.js";
import { prometheus } from "./prometheus/index.js";
import type { TargetId } from "./targetIds.js";
import { targetIds } from "./targetIds.js";
import { terraform } from "./terraform/index.js";
import type { RenderedFile, RenderTarget } from "./types.js";

/** The render-target registry: adding a target is adding a folder and a line here. */
export const targets = { kubernetes, terraform, prometheus, grafana, argocd } satisfies Record<TargetId, RenderTarget>;

export { type TargetId, targetIds };

/** Renders the chosen targets (all by default); files sorted by path, so output order is stable too. */
export function render(model: Model, env: string, only: readonly TargetId[] = targetIds): RenderedFile[] {
  const input = renderInput(model, env);
  return only.flatMap((id) => targets[id].render(input)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { RenderedFile, RenderInput, RenderTarget } from "./types.js";
