import type { Model } from "../config/model.js";
import { BaseError } from "../errors/index.js";
import { compareStrings } from "../util/compare.js";
import type { RenderInput } from "./types.js";

export class UnknownEnvironmentError extends BaseError {
  override name = "UnknownEnvironmentError";
}

/** The nodes an environment runs: those joining one of its networks. */
export function renderInput(model: Model, env: string): RenderInput {
  const environment = model.environments[env];
  if (!environment) {
    throw new UnknownEnvironmentError(`Environment "${env}" is not defined in w3o.yaml.`, {
      hint: `Use one of: ${Object.keys(model.environments).sort().join(", ")}.`,
    });
  }
  const networks = new Set(environment.networks);
  const nodes = Object.entries(model.nodes)
    .filter(([, n]) => networks.has(n.network))
    .sort(([a], [b]) => compareStrings(a, b));
  return { model, env, nodes };
}
