import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadModel } from "../../src/config/load.js";
import { evaluate } from "../../src/policy/engine.js";
import { overlay } from "../../src/policy/fixtures.js";
import { IgnoreFileError, readIgnoreFile } from "../../src/policy/inputs.js";
import { loadPolicies, type PolicySet, policiesDir } from "../../src/policy/load.js";
import type { Rule } from "../../src/policy/schema.js";

let set: PolicySet;
let base: unknown;
const rule = (id: string) => set.rules.find((r) => r.id === id) as Rule;
beforeAll(async () => {
  set = await loadPolicies();
  base = (await import("yaml")).parse(await readFile(path.join(policiesDir(), "fixtures", "base.yaml"), "utf8"));
});

const publicNode = {
  chain: "avalanche",
  network: "mainnet-avax",
  client: { name: "avalanchego", version: "v1.11.13" },
  resources: { cpu: "8", memory: "16Gi" },
  storage: { size: "1Ti" },
  rpc: { expose: "public" },
  target: { cluster: "prod", namespace: "avalanche" },
};
const withNode = {
  networks: { "mainnet-avax": { chain: "avalanche", chainId: 43114, rpc: { env: "AVAX_RPC_URL" } } },
  nodes: { avax: publicNode },
};

async function repo(model: Record<string, unknown>, prefix = ""): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "w3o-supp-"));
  await writeFile(path.join(dir, "w3o.yaml"), prefix + stringify(overlay(base, model)));
  return dir;
}
const run = async (dir: string, ids: string[], extra: { now?: Date } = {}) =>
  evaluate({ model: await loadModel(dir), ignoreFile: await readIgnoreFile(dir), ...extra }, ids.map(rule));

describe("suppressions", () => {
  it("a suppression in w3o.yaml hides the finding and is counted, with its reason", async () => {
    const dir = await repo({
      ...withNode,
      policies: {
        suppressions: [
          { rule: "W3O-SEC-001", resource: "nodes.avax", reason: "Behind the partner VPN until June.", expires: "2026-12-31" },
        ],
      },
    });
    const ev = await run(dir, ["W3O-SEC-001", "W3O-ISO-007"], { now: new Date("2026-06-01") });
    expect(ev.findings).toEqual([]);
    expect(ev.suppressed.map((f) => [f.ruleId, f.suppressedBy?.reason])).toEqual([["W3O-SEC-001", "Behind the partner VPN until June."]]);
  });

  it("an expired suppression stops applying and is itself a finding", async () => {
    const dir = await repo({
      ...withNode,
      policies: {
        suppressions: [
          { rule: "W3O-SEC-001", resource: "nodes.avax", reason: "Behind the partner VPN until June.", expires: "2026-05-31" },
        ],
      },
    });
    const ev = await run(dir, ["W3O-SEC-001", "W3O-ISO-007"], { now: new Date("2026-06-01") });
    expect(ev.findings.map((f) => f.ruleId).sort()).toEqual(["W3O-ISO-007", "W3O-SEC-001"]);
    expect(ev.findings.find((f) => f.ruleId === "W3O-ISO-007")?.location.file).toBe("w3o.yaml");
  });

  it("the ignore file suppresses by resource pattern; an invalid one is refused with file:line", async () => {
    const dir = await repo(withNode);
    await writeFile(
      path.join(dir, ".w3oignore.yaml"),
      stringify({
        suppressions: [{ rule: "W3O-SEC-001", resource: "nodes.*", reason: "All nodes sit behind the auth proxy.", expires: "2026-12-31" }],
      }),
    );
    const ev = await run(dir, ["W3O-SEC-001"], { now: new Date("2026-06-01") });
    expect(ev.findings).toEqual([]);
    expect(ev.suppressed[0]?.suppressedBy).toMatchObject({ source: "ignore-file", location: { file: ".w3oignore.yaml", line: 2 } });

    await writeFile(
      path.join(dir, ".w3oignore.yaml"),
      "suppressions:\n  - rule: SEC-1\n    resource: x\n    reason: short\n    expires: 2026-12-31\n",
    );
    const err = await readIgnoreFile(dir).catch((e) => e);
    expect(err).toBeInstanceOf(IgnoreFileError);
    expect(err.message).toContain(".w3oignore.yaml:2:");
    expect(err.message).toContain("rule ids look like W3O-SEC-001");
  });

  it("inline comments suppress one line when allowed, and are findings when forbidden", async () => {
    const comment = "# w3o-ignore: W3O-SEC-001 rate-limited public endpoint for the faucet";
    const allowed = await repo(withNode);
    const text = (await readFile(path.join(allowed, "w3o.yaml"), "utf8")).replace(
      "    rpc:\n      expose: public",
      `    ${comment}\n    rpc:\n      expose: public`,
    );
    await writeFile(path.join(allowed, "w3o.yaml"), text);
    const ev1 = await run(allowed, ["W3O-SEC-001", "W3O-ISO-008"]);
    expect(ev1.findings).toEqual([]);
    expect(ev1.suppressed.map((f) => f.suppressedBy?.source)).toEqual(["inline"]);

    const forbidden = await repo({ ...withNode, policies: { allowInlineSuppressions: false } });
    const text2 = (await readFile(path.join(forbidden, "w3o.yaml"), "utf8")).replace(
      "    rpc:\n      expose: public",
      `    ${comment}\n    rpc:\n      expose: public`,
    );
    await writeFile(path.join(forbidden, "w3o.yaml"), text2);
    const ev2 = await run(forbidden, ["W3O-SEC-001", "W3O-ISO-008"]);
    expect(ev2.findings.map((f) => f.ruleId).sort()).toEqual(["W3O-ISO-008", "W3O-SEC-001"]);
  });
});

describe("fingerprints", () => {
  it("stay the same when lines move, and differ between resources", async () => {
    const a = await repo(withNode);
    const b = await repo(withNode, "# a comment\n# and another, moving every line down\n\n");
    const [fa] = (await run(a, ["W3O-SEC-001"])).findings;
    const [fb] = (await run(b, ["W3O-SEC-001"])).findings;
    expect(fb?.location.line).toBe((fa?.location.line ?? 0) + 3);
    expect(fb?.fingerprint).toBe(fa?.fingerprint);
    const c = await repo({ ...withNode, nodes: { avax: null, avax2: publicNode } });
    const [fc] = (await run(c, ["W3O-SEC-001"])).findings;
    expect(fc?.fingerprint).not.toBe(fa?.fingerprint);
  });
});
