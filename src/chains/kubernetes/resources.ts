import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { Node } from "../../config/model.js";
import { cpu, memory, parseQuantity } from "./quantity.js";

/**
 * A container's share of the node's resources. Limits default to the memory request (so a
 * node is never OOM-killed for using what it asked for) and twice the CPU request (bursts
 * during sync are normal, unbounded ones starve neighbours).
 */
export function resourcesFor(r: Node["resources"], share = 1): IResourceRequirements {
  const reqCpu = parseQuantity(r.cpu) * share;
  const reqMem = parseQuantity(r.memory) * share;
  const limCpu = r.limits?.cpu === undefined ? reqCpu * 2 : parseQuantity(r.limits.cpu) * share;
  const limMem = r.limits ? parseQuantity(r.limits.memory) * share : reqMem;
  return { requests: { cpu: cpu(reqCpu), memory: memory(reqMem) }, limits: { cpu: cpu(limCpu), memory: memory(limMem) } };
}
