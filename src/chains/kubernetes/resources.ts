import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { z } from "zod";
import type { resources } from "../../chains/nodeBase.js";
import type { Node } from "../../config/model.js";
import { cpu, memory, parseQuantity } from "./quantity.js";

export type Resources = z.infer<typeof resources>;

/**
 * A container's share of the node's resources. Limits default to the memory request (so a
 * node is never OOM-killed for using what it asked for) and twice the CPU request (bursts
 * during sync are normal, unbounded ones starve neighbours).
 */
export function resourcesFor(r: Resources, share = 1): IResourceRequirements {
  const reqCpu = parseQuantity(r.cpu) * share;
  const reqMem = parseQuantity(r.memory) * share;
  const limCpu = r.limits?.cpu === undefined ? reqCpu * 2 : parseQuantity(r.limits.cpu) * share;
  const limMem = r.limits ? parseQuantity(r.limits.memory) * share : reqMem;
  return { requests: { cpu: cpu(reqCpu), memory: memory(reqMem) }, limits: { cpu: cpu(limCpu), memory: memory(limMem) } };
}

/**
 * The whole pod's CPU request (cores) and memory limit (bytes), whether the node gives them
 * for the pod or per client (Ethereum's `execution`/`consensus`): what a host must fit.
 */
export function podTotals(r: Node["resources"]): { cpu: number; memoryLimit: number } {
  const parts: Resources[] =
    "execution" in r && r.execution && "consensus" in r && r.consensus ? [r.execution, r.consensus] : [r as Resources];
  return {
    cpu: parts.reduce((sum, p) => sum + parseQuantity(p.cpu), 0),
    memoryLimit: parts.reduce((sum, p) => sum + parseQuantity(p.limits?.memory ?? p.memory), 0),
  };
}
