import { initializerData, proxyArtifact, proxyConstructorArgs } from "../chains/evm/create2.js";
import type { PlanStep } from "../plan/types.js";
import { addressOp, artifactOf, callOp, deployer, deployOp, ownershipOp, resolver, type StepContext, views } from "./builders.js";
import { memoizeBuild, type Op } from "./ops.js";
import { updateOps } from "./updates.js";

/**
 * Turns the steps of one network's plan into ops. Steps that change nothing (noop, drift,
 * remove) give none; a `replace` gives ops only when the user asked for it with --redeploy.
 */
export function opsForSteps(steps: PlanStep[], ctx: StepContext, redeploy: Set<string>): Op[] {
  const byContract = new Map(steps.map((s) => [s.contract, s]));
  const ops: Op[] = [];
  for (const step of steps) {
    if (step.action === "create" || (step.action === "replace" && redeploy.has(step.contract)))
      ops.push(...createOps(step, ctx, byContract));
    else if (step.action === "update") ops.push(...updateOps(step, ctx, byContract));
  }
  return ops.map(memoizeBuild);
}

function createOps(step: PlanStep, ctx: StepContext, byContract: Map<string, PlanStep>): Op[] {
  const artifact = artifactOf(step, ctx);
  const r = resolver(step, ctx, byContract);
  r.collect(step.args);
  const argDeps = [...r.deps];
  const from = deployer(step);
  const ops: Op[] = [];
  const self = addressOp(step);

  if (step.kind === "plain" || step.kind === "create2") {
    ops.push(deployOp(self, step, artifact, (a) => step.args.map((v) => r.value(v, a)), argDeps, `deploy ${step.contract}`));
  } else {
    const implId = `${step.id}#impl`;
    ops.push(
      deployOp(implId, step, artifact, (a) => step.args.map((v) => r.value(v, a)), argDeps, `deploy ${step.contract} implementation`),
    );
    const init = step.initializer;
    const r2 = resolver(step, ctx, byContract);
    r2.collect(init?.args ?? []);
    if (step.admin) r2.collect(step.admin);
    const proxy = proxyArtifact(ctx.artifacts.proxies, step.kind);
    ops.push(
      deployOp(
        self,
        step,
        proxy,
        (a) => {
          const data = init
            ? initializerData(
                artifact,
                init.function,
                init.args.map((v) => r2.value(v, a)),
              )
            : "0x";
          const adminOwner = step.admin ? r2.address(step.admin, a) : from;
          return proxyConstructorArgs(
            step.kind as "uups" | "transparent",
            a(implId) as `0x${string}`,
            data as `0x${string}`,
            adminOwner as `0x${string}`,
          );
        },
        [implId, ...r2.deps],
        `deploy ${step.kind === "uups" ? "ERC1967 (UUPS)" : "transparent"} proxy of ${step.contract}${init ? ` and call ${init.function}()` : ""}`,
      ),
    );
  }

  if (step.owner) ops.push(ownershipOp(step, ctx, byContract, from, step.owner, (a) => a(self), [self]));
  for (const role of step.roles ?? []) {
    for (const [i, account] of role.accounts.entries()) {
      const rr = resolver(step, ctx, byContract);
      rr.collect(account);
      ops.push(
        callOp(
          `${step.id}#role:${role.role}:${i}`,
          step,
          from,
          `grant ${role.role} on ${step.contract}`,
          [self, ...rr.deps],
          [self],
          (a) => ({ to: a(self), data: views.encodeFunctionData("grantRole", [role.roleId, rr.address(account, a)]) }),
          ctx,
        ),
      );
    }
  }
  // Ownership moves last: once it is transferred, the deployer can no longer grant roles.
  return ops.sort((x, y) => Number(x.id.endsWith("#owner")) - Number(y.id.endsWith("#owner")));
}
