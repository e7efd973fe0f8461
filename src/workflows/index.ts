import type { Workflow } from "../config/model.js";
import { tokenLaunchKind } from "./token-launch/index.js";
import type { WorkflowKind } from "./types.js";

export type * from "./types.js";

/**
 * The workflow kinds w3o runs, one folder each (schema, planner, readme). The guard test
 * (test/workflows/registry.test.ts) keeps this map, the folders and the config's kinds in step.
 */
export const workflowKinds: Partial<Record<Workflow["kind"], WorkflowKind>> = {
  "token-launch": tokenLaunchKind as unknown as WorkflowKind,
};

/** Kinds the config accepts that no planner runs yet: plan says so for each, apply sends nothing for them. */
export const notYetRun = (kind: string) => !(kind in workflowKinds);
