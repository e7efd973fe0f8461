import { plural } from "./markdown.js";
import { lockBlock, type PrReport, type Verdict } from "./types.js";

/** Fails on config errors, steps apply would refuse, and findings at or above the audit's fail-on severity. */
export function verdict(r: PrReport): Verdict {
  const reasons: string[] = [];
  const errors = r.diagnostics.filter((d) => d.severity === "error").length;
  if (errors) reasons.push(plural(errors, "config error"));
  for (const env of r.environments) {
    const s = env.plan?.summary;
    const refused = (s?.blocked ?? 0) + (s?.needsOwner ?? 0);
    if (refused) reasons.push(`${env.name}: ${plural(refused, "step")} apply would refuse`);
    if (!env.plan && env.error) reasons.push(`${env.name} could not be planned`);
    const locked = lockBlock(r, env.name);
    if (locked?.by) reasons.push(`${env.name} is locked by #${locked.by.pull}`);
    else if (locked) reasons.push(`${env.name}: lock store unreachable`);
  }
  if (r.audit) {
    const blocking = r.audit.blocking.length;
    if (blocking) reasons.push(`${plural(blocking, "finding")} at or above ${r.audit.failOn}`);
  }
  return { conclusion: reasons.length ? "failure" : "success", reasons };
}

/** Fingerprints the base branch does not have are new in this PR; without a base, every finding is. */
export function isNew(r: PrReport, fingerprint: string): boolean {
  return !r.baseFindings?.includes(fingerprint);
}
