import { createHash } from "node:crypto";

/**
 * A finding's identity across commits: rule, resource and the logical path of the value,
 * never line numbers, so that unrelated edits do not turn a baselined finding into a new one.
 */
export function fingerprint(ruleId: string, resource: string, path = ""): string {
  return createHash("sha256").update(`${ruleId}\0${resource}\0${path}`).digest("hex").slice(0, 32);
}
