import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach } from "vitest";
import { type Anvil, startDevnet } from "../../src/devnet/index.js";

export const API = "https://api.github.com";

/** Probot's way: no request leaves the machine except to loopback (anvil, local git); every GitHub call is declared. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`GitHub calls expected but not made: ${pending.join(", ")}`);
  });
}

/** A plain octokit (no pacing or retries), so adapter tests run at once; the paced one has its own test. */
export function plainOctokit(): Octokit {
  return new Octokit({ auth: "test-token", log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/**
 * Starts a devnet with nock off: nock 15.0.0 breaks global fetch with a body even when it lets the request
 * through (undici's Request.clone: "unusable"), and the devnet's one fetch (Multicall3's code) is such a one.
 */
export async function startDevnetOutsideNock(): Promise<Anvil> {
  nock.restore();
  try {
    return await startDevnet({ port: 0 });
  } finally {
    nock.activate();
  }
}
