import { podTotals } from "../../chains/kubernetes/resources.js";
import type { Node } from "../../config/model.js";
import { BaseError } from "../../errors/index.js";

export class NoInstanceTypeError extends BaseError {
  override name = "NoInstanceTypeError";
}

/** EC2 types in order of on-demand price: general purpose (4 GiB/vCPU) and memory optimised (8 GiB/vCPU). */
export const INSTANCE_TYPES: { type: string; cpu: number; memoryGi: number }[] = [
  ["m6i.large", 2, 8],
  ["r6i.large", 2, 16],
  ["m6i.xlarge", 4, 16],
  ["r6i.xlarge", 4, 32],
  ["m6i.2xlarge", 8, 32],
  ["r6i.2xlarge", 8, 64],
  ["m6i.4xlarge", 16, 64],
  ["r6i.4xlarge", 16, 128],
  ["m6i.8xlarge", 32, 128],
  ["r6i.8xlarge", 32, 256],
  ["m6i.16xlarge", 64, 256],
  ["r6i.16xlarge", 64, 512],
].map(([type, cpu, memoryGi]) => ({ type: type as string, cpu: cpu as number, memoryGi: memoryGi as number }));

/** Headroom for the kubelet, system daemons and the per-node DaemonSets (CNI, CSI, exporters). */
const OVERHEAD = { cpu: 0.5, memoryGi: 1.5 };

/**
 * The cheapest instance type a node's pod fits on: its CPU request (limits are for bursts)
 * and its memory limit (memory is not compressible), plus system overhead.
 */
export function instanceTypeFor(name: string, node: Node): string {
  const pod = podTotals(node.resources);
  const cpu = pod.cpu + OVERHEAD.cpu;
  const memoryGi = pod.memoryLimit / 2 ** 30 + OVERHEAD.memoryGi;
  const fit = INSTANCE_TYPES.find((t) => t.cpu >= cpu && t.memoryGi >= memoryGi);
  if (!fit) {
    throw new NoInstanceTypeError(`Node "${name}" needs ${cpu} vCPU and ${memoryGi} GiB: no instance type in the sizing table fits.`, {
      hint: `The largest is ${INSTANCE_TYPES.at(-1)!.type}; lower the node's resources.`,
    });
  }
  return fit.type;
}
