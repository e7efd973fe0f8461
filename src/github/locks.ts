import type { Plan } from "../plan/types.js";
import type { PrReport, PullLockView, ReportLocks } from "../report/types.js";
import { LockStoreError, type PrLock, readPullLocks, takePullLock } from "../state/prLocks.js";
import type { StateStore } from "../state/store.js";
import { type AppRepoSettings, lockMode } from "./app/settings.js";

export { LockStoreError, type PrLock, releasePullLock, releasePullLocks, takePullLock } from "../state/prLocks.js";

/** Whether a plan changes anything on chain (or resumes what an interrupted apply left): what a lock reserves. */
export function planChanges(plan: Plan): boolean {
  const s = plan.summary;
  return s.create + s.upgrade + s.update + s.replace + s.remove + (s.interrupted ?? 0) > 0;
}

export type ReviewLocksInput = {
  store: StateStore;
  /** `owner/name`. */
  repo: string;
  /** The project the lock key names: the base's w3o.yaml's, so a PR renaming it cannot step around a lock. */
  project: string;
  pull: { number: number; headSha: string; author?: string };
  /** The default branch's settings: they decide each environment's lock mode. */
  settings: AppRepoSettings;
  /** Whether this PR may take locks (false for a fork's: it only looks). */
  takes: boolean;
};

export const STORE_DOWN = "the app's state database did not answer";

const view = (l: PrLock): PullLockView => ({ environment: l.environment, pull: l.pull, author: l.author, since: l.since });

/**
 * The PR locks of a review. For each environment whose plan changes something: mode `on-plan` takes the
 * lock (or finds another PR holding it); mode `on-apply` only looks. An environment another PR holds is
 * blocked; a store that does not answer blocks every such environment (fail closed), and the report says so.
 * Store calls: one per `on-plan` environment changed, one read for the `on-apply` ones.
 */
export async function reviewLocks(report: PrReport, input: ReviewLocksInput): Promise<ReportLocks | undefined> {
  const changing = report.environments.filter((e) => e.plan && planChanges(e.plan)).map((e) => e.name);
  if (!changing.length) return undefined;
  const { store, repo, project, pull } = input;
  const out: ReportLocks = { held: [], blocked: [] };
  try {
    const takes = (e: string) => input.takes && lockMode(input.settings, e) === "on-plan";
    for (const env of changing.filter(takes)) {
      const got = await takePullLock(store, {
        repo,
        project,
        environment: env,
        pull: pull.number,
        headSha: pull.headSha,
        author: pull.author ?? "",
      });
      if (got.ok) out.held.push(view(got.lock));
      else out.blocked.push(view(got.heldBy));
    }
    const onApply = changing.filter((e) => !takes(e));
    for (const l of await readPullLocks(store, repo, project, onApply)) (l.pull === pull.number ? out.held : out.blocked).push(view(l));
  } catch (e) {
    if (!(e instanceof LockStoreError)) throw e;
    // Not the store's address: where the app keeps its database is the operator's business, not the PR's.
    return { held: [], blocked: [], unavailable: { environments: changing, reason: STORE_DOWN } };
  }
  return out;
}
