import { ZeroAddress } from "ethers";
import { BaseError } from "../errors/index.js";
import type { PlanStep } from "../plan/types.js";
import { artifactOf, callOp, deployer, deployOp, ownershipOp, resolver, type StepContext, views } from "./builders.js";
import type { Op } from "./ops.js";

/**
 * Ops that change a deployed contract as the plan's `update` step says: a new implementation and
 * the proxy's upgrade to it (apply refused an incompatible storage layout before: plan/problems.ts), ownership and
 * ProxyAdmin transfers, role grants and revocations.
 */
export function updateOps(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>): Op[] {
  const ops: Op[] = [];
  const proxyAddress = step.recorded?.address;
  const at = () => {
    if (!proxyAddress) throw new BaseError(`${step.contract} has no recorded address to update`);
    return proxyAddress;
  };
  for (const change of step.changes ?? []) {
    if (change.kind === "upgrade") {
      const artifact = artifactOf(step, ctx);
      const r = resolver(step, ctx, byContract);
      r.collect(step.args);
      const implId = `${step.id}#impl`;
      ops.push(
        deployOp(
          implId,
          { ...step, salt: undefined },
          artifact,
          (a) => step.args.map((v) => r.value(v, a)),
          [...r.deps],
          `deploy new ${step.contract} implementation`,
        ),
      );
      ops.push(upgradeOp(step, ctx, implId, at));
    } else if (change.kind === "transfer-ownership") {
      ops.push(ownershipOp(step, ctx, byContract, change.from ?? deployer(step), change.to, at, []));
    } else if (change.kind === "transfer-proxy-admin") {
      const r = resolver(step, ctx, byContract);
      r.collect(change.to);
      const from = change.from ?? deployer(step);
      ops.push(
        callOp(
          `${step.id}#admin-owner`,
          step,
          from,
          `transfer the ProxyAdmin of ${step.contract}`,
          [...r.deps],
          [],
          (a) => ({
            to: change.proxyAdmin,
            data: views.encodeFunctionData("transferOwnership", [r.address(change.to, a)]),
          }),
          ctx,
        ),
      );
    } else if (change.kind === "grant-role" || change.kind === "revoke-role") {
      const r = resolver(step, ctx, byContract);
      r.collect(change.account);
      const fn = change.kind === "grant-role" ? "grantRole" : "revokeRole";
      ops.push(
        callOp(
          `${step.id}#${change.kind}:${change.role}:${typeof change.account === "string" ? change.account : change.account.$ref}`,
          step,
          deployer(step),
          `${fn} ${change.role} on ${step.contract}`,
          [...r.deps],
          [],
          (a) => ({
            to: at(),
            data: views.encodeFunctionData(fn, [change.roleId, r.address(change.account, a)]),
          }),
          ctx,
        ),
      );
    }
  }
  return ops;
}

/** UUPS: the proxy's own upgradeToAndCall, from its owner. Transparent: ProxyAdmin.upgradeAndCall, from the admin's owner. */
function upgradeOp(step: PlanStep, ctx: StepContext, implId: string, at: () => string): Op {
  const rec = ctx.recorded[step.contract];
  const from = (step.kind === "transparent" ? rec?.proxy?.adminOwner : rec?.owner) ?? deployer(step);
  const proxyAdmin = rec?.proxy?.admin ?? ZeroAddress;
  return callOp(
    `${step.id}#upgrade`,
    step,
    from,
    `upgrade ${step.contract} to the new implementation`,
    [implId],
    [implId],
    (a) =>
      step.kind === "transparent"
        ? { to: proxyAdmin, data: views.encodeFunctionData("upgradeAndCall", [at(), a(implId), "0x"]) }
        : { to: at(), data: views.encodeFunctionData("upgradeToAndCall", [a(implId), "0x"]) },
    ctx,
  );
}
