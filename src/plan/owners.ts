import type { RecordedContract } from "../state/record.js";
import type { Address, LiveContract, NeedsOwner, PlanStep } from "./types.js";

/** One owner a step needs, in the words the plan and apply's refusal both use. */
export const needsOwnerLine = (n: NeedsOwner) => `needs owner ${n.address} (not a signer of this environment): ${n.reason}`;

/**
 * The changes of an update step that must come from an on-chain owner w3o cannot sign for: a UUPS
 * upgrade (the proxy's owner()), a transparent upgrade (the ProxyAdmin's owner()), and ownership or
 * ProxyAdmin transfers (their current owner). The owners are the live ones the snapshot read in its
 * multicall. Pure. Nothing is marked when `signers` is unknown, or when an owner could not be read
 * (no owner(), or it reverted): plan cannot tell then, and apply's own check still stands.
 */
export function ownerNeeds(
  step: Pick<PlanStep, "action" | "kind" | "contract" | "changes">,
  rec: RecordedContract | undefined,
  live: LiveContract | undefined,
  signers: readonly Address[] | undefined,
): NeedsOwner[] {
  if (step.action !== "update" || !signers || !live) return [];
  const mine = new Set(signers.map((a) => a.toLowerCase()));
  const out: NeedsOwner[] = [];
  const need = (owner: Address | null | undefined, reason: string) => {
    if (owner && !mine.has(owner.toLowerCase())) out.push({ address: owner, reason });
  };
  for (const ch of step.changes ?? []) {
    if (ch.kind === "upgrade" && step.kind === "transparent") {
      const proxyAdmin = rec?.proxy?.admin ?? "its ProxyAdmin";
      need(live.proxyAdminOwner, `upgrade ${step.contract}: the owner of ProxyAdmin ${proxyAdmin} calls upgradeAndCall`);
    } else if (ch.kind === "upgrade") need(live.owner, `upgrade ${step.contract}: the proxy's owner() calls upgradeToAndCall`);
    else if (ch.kind === "transfer-ownership") need(ch.from, `transfer ownership of ${step.contract}: only its owner can`);
    else if (ch.kind === "transfer-proxy-admin")
      need(ch.from, `transfer ProxyAdmin ${ch.proxyAdmin} of ${step.contract}: only its owner can`);
  }
  return out;
}

/** What a person does about a step that needs an owner: the words plan and apply both say. */
export const OWNER_HINT =
  "Propose the change through that owner (the multisig's or timelock's own UI or CLI), then run w3o plan again; or, if w3o should send it, give that account a signer in this environment.";
