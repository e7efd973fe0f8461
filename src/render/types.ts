import type { Model, Node } from "../config/model.js";

/** One rendered file, relative to the output directory. */
export type RenderedFile = { path: string; content: string };

/** What every render target gets: the loaded model and the environment being rendered. */
export type RenderInput = {
  model: Model;
  env: string;
  /** The nodes whose network belongs to `env`, sorted by name. */
  nodes: [string, Node][];
};

/** One entry of the render-target registry. Targets are pure: same input, byte-identical files. */
export type RenderTarget = {
  id: string;
  description: string;
  render(input: RenderInput): RenderedFile[];
};
