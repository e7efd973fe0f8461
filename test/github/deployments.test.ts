import nock from "nock";
import { describe, expect, it } from "vitest";
import { DeploymentRefusedError, finishDeployment, guardOutgoing, startDeployment } from "../../src/github/index.js";
import { API, plainOctokit, useNock } from "../helpers/nockGitHub.js";

const REF = { owner: "acme", repo: "infra" };
const SHA = "d".repeat(40);
const LOG = "https://github.com/acme/infra/runs/77";
const RPC_KEY = "0123456789abcdef0123456789abcdef";
const DEPLOYMENT = { id: 4242, sha: SHA, environment: "prod" };

function recorder(): { bodies: Record<string, unknown>[]; keep: (body: Record<string, unknown>) => boolean } {
  const bodies: Record<string, unknown>[] = [];
  return { bodies, keep: (body) => bodies.push(body) > 0 };
}

describe("GitHub Deployments", () => {
  useNock();

  it("starts a deployment of the merge SHA, then marks it in progress with the log URL", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    const { bodies, keep } = recorder();
    nock(API)
      .post("/repos/acme/infra/deployments", keep)
      .reply(201, { id: 4242, sha: SHA, environment: "prod" })
      .post("/repos/acme/infra/deployments/4242/statuses", keep)
      .reply(201, { id: 1, state: "in_progress" });

    const dep = await startDeployment(gh, REF, {
      sha: SHA,
      environment: "prod",
      description: "w3o apply of PR #12",
      logUrl: LOG,
      production: true,
      payload: { pr: 12 },
    });

    expect(dep).toEqual({ id: 4242, sha: SHA, environment: "prod" });
    expect(calls).toEqual([
      { method: "POST", route: "/repos/{owner}/{repo}/deployments" },
      { method: "POST", route: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses" },
    ]);
    expect(bodies).toEqual([
      {
        ref: SHA,
        environment: "prod",
        description: "w3o apply of PR #12",
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: true,
        payload: { pr: 12 },
      },
      { state: "in_progress", log_url: LOG, description: "w3o apply of PR #12" },
    ]);
  });

  it("passes the required contexts it is given, and makes a non-production environment transient", async () => {
    const gh = plainOctokit();
    const { bodies, keep } = recorder();
    nock(API)
      .post("/repos/acme/infra/deployments", keep)
      .reply(201, { id: 7 })
      .post("/repos/acme/infra/deployments/7/statuses")
      .reply(201, {});

    await startDeployment(gh, REF, {
      sha: SHA,
      environment: "staging",
      description: "d",
      logUrl: LOG,
      production: false,
      requiredContexts: ["ci/build"],
    });

    expect(bodies[0]).toMatchObject({ required_contexts: ["ci/build"], transient_environment: true, production_environment: false });
    expect(bodies[0]).not.toHaveProperty("payload");
  });

  it("turns GitHub's 202 (a merge, not a deployment) into DeploymentRefusedError and writes no status", async () => {
    const gh = plainOctokit();
    const { calls } = guardOutgoing(gh);
    nock(API).post("/repos/acme/infra/deployments").reply(202, { message: "Auto-merged main into topic on deployment." });

    const err = await startDeployment(gh, REF, { sha: SHA, environment: "prod", description: "d", logUrl: LOG, production: true }).catch(
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(DeploymentRefusedError);
    const refused = err as DeploymentRefusedError;
    expect(refused.shortMessage).toBe(
      'GitHub refused the deployment of dddddddddddd to "prod": Auto-merged main into topic on deployment.',
    );
    expect(refused.status).toBe(202);
    expect(refused.hint).toMatch(/Deploy the merge commit itself/);
    expect(calls).toHaveLength(1);
  });

  it("turns a 409 (required contexts not green) into DeploymentRefusedError with what to do", async () => {
    const gh = plainOctokit();
    nock(API).post("/repos/acme/infra/deployments").reply(409, { message: "Conflict: Commit status checks failed for topic." });

    const err = await startDeployment(gh, REF, { sha: SHA, environment: "prod", description: "d", logUrl: LOG, production: true }).catch(
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(DeploymentRefusedError);
    expect((err as DeploymentRefusedError).shortMessage).toContain("Commit status checks failed for topic.");
    expect((err as DeploymentRefusedError).hint).toMatch(/required status context/);
  });

  it("finishes with success and the environment URL", async () => {
    const gh = plainOctokit();
    const { bodies, keep } = recorder();
    nock(API).post("/repos/acme/infra/deployments/4242/statuses", keep).reply(201, {});

    await finishDeployment(gh, REF, DEPLOYMENT, {
      state: "success",
      logUrl: LOG,
      environmentUrl: "https://etherscan.io/address/0x5FbDB2315678afecb367f032d93F642f64180aa3",
      description: "3 contracts deployed",
    });

    expect(bodies).toEqual([
      {
        state: "success",
        log_url: LOG,
        environment_url: "https://etherscan.io/address/0x5FbDB2315678afecb367f032d93F642f64180aa3",
        description: "3 contracts deployed",
      },
    ]);
  });

  it("finishes with failure, the description clipped to GitHub's 140 characters", async () => {
    const gh = plainOctokit();
    const { bodies, keep } = recorder();
    nock(API).post("/repos/acme/infra/deployments/4242/statuses", keep).reply(201, {});
    const long = `Vault failed: ${"execution reverted; ".repeat(20)}`;

    await finishDeployment(gh, REF, DEPLOYMENT, { state: "failure", logUrl: LOG, description: long });

    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual({ state: "failure", log_url: LOG, description: `${long.slice(0, 139)}…` });
    expect((bodies[0]!.description as string).length).toBe(140);
  });

  it("never sends an RPC key in a failure, even where the clip would cut the key in half", async () => {
    const gh = plainOctokit();
    const planted = "s3cr3t-signer-value-0001";
    guardOutgoing(gh, [planted]);
    const raw: string[] = [];
    nock(API)
      .post("/repos/acme/infra/deployments/4242/statuses", (body) => raw.push(JSON.stringify(body)) > 0)
      .reply(201, {});
    // The key starts at character 120: clipped first, only 20 of its 32 characters would be left, and unrecognisable.
    const pad = "x".repeat(120 - `signer ${planted}; `.length - " https://mainnet.infura.io/v3/".length);
    const description = `signer ${planted}; ${pad} https://mainnet.infura.io/v3/${RPC_KEY} failed`;
    expect(description.indexOf(RPC_KEY)).toBe(120);

    await finishDeployment(gh, REF, DEPLOYMENT, { state: "failure", logUrl: LOG, description });

    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain(RPC_KEY.slice(0, 12));
    expect(raw[0]).not.toContain(planted);
    expect(JSON.parse(raw[0]!).description).toBe(`signer ***; ${pad} https://mainnet.infura.io/v3/*** failed`);
  });
});
