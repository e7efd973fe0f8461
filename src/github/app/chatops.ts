import path from "node:path";
import { applyEnvironment } from "../../apply/index.js";
import { LockHeldError } from "../../apply/lock.js";
import { loadModel } from "../../config/load.js";
import { reviewPullRequest } from "../../review/index.js";
import { fileRecordSink } from "../../state/records.js";
import type { StateStore } from "../../state/store.js";
import type { ChatApplyResult } from "../chatops/apply.js";
import type { ChatOpsInput } from "../chatops/handle.js";
import type { AppReviewInput } from "./review.js";
import { reviewPullWithSettings } from "./review.js";

type Base = Omit<AppReviewInput, "pull" | "environments"> & {
  /** The app's state store: the engine's journal and leases, and the PR locks. */
  store: StateStore;
};

/**
 * The app's side of chat-ops: `plan` goes through the PR review path (check run and sticky comment updated),
 * `audit` and `recommend` run the engine on the head in a worktree of the cached clone and write nothing,
 * and `apply` runs the engine's locked, journaled apply of the head in such a worktree.
 */
export function appChatOps(base: Base): Pick<ChatOpsInput, "plan" | "report" | "apply" | "locks"> {
  const checkout = (pull: { headSha: string; baseSha: string }) => ({
    ...base.ref,
    token: base.token,
    headSha: pull.headSha,
    baseSha: pull.baseSha,
  });
  return {
    locks: base.store,
    plan: (pull, settings, environments) =>
      reviewPullWithSettings({ ...base, locks: base.store, pull, ...(environments ? { environments } : {}) }, settings),
    report: (pull, settings, opts) =>
      base.workspace.withCheckout(checkout(pull), (dir) =>
        reviewPullRequest({
          dir: path.join(dir, settings.path),
          base: pull.baseSha,
          // No plans: the audit and the recommendation read the repo only.
          environments: [],
          vars: {},
          fork: pull.fromFork,
          recommend: opts.recommend ? "always" : "never",
          ...(settings.failOn ? { failOn: settings.failOn } : {}),
        }),
      ),
    // For now a direct engine apply of the head; the lead wires this to the shared apply-on-GitHub flow
    // (deployment, records commit). Its records land in the job's worktree only: the journal keeps the truth.
    apply: (pull, settings, environment, ctx) =>
      base.workspace.withCheckout(checkout(pull), async (dir): Promise<ChatApplyResult> => {
        const repoDir = path.join(dir, settings.path);
        const model = await loadModel(repoDir);
        try {
          const result = await applyEnvironment(model, environment, {
            store: base.store,
            records: fileRecordSink(repoDir),
            vars: base.vars,
            command: `/w3o apply ${environment} on #${pull.number} by @${ctx.requestedBy}`,
            finishCommand: `/w3o apply ${environment}`,
          });
          return {
            outcome: "applied",
            addresses: result.networks.flatMap((n) =>
              Object.entries(n.record.contracts).map(([contract, c]) => ({ network: n.network, contract, address: c.address })),
            ),
            failed: result.failed,
            skipped: result.skipped.map((s) => s.id),
          };
        } catch (e) {
          if (e instanceof LockHeldError) return { outcome: "refused", reason: `another apply of it is running: ${e.shortMessage}` };
          throw e;
        }
      }),
  };
}
