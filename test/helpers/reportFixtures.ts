import type { Diagnostic } from "../../src/config/diagnostics.js";
import type { Plan, PlanStep } from "../../src/plan/types.js";
import type { PrReport } from "../../src/report/index.js";

const HASH = `0x${"ab".repeat(32)}` as const;

/** A plan step as plan() builds one for a plain create; tests vary what they need. */
export function step(network: string, contract: string, over: Partial<PlanStep> = {}): PlanStep {
  return {
    id: `${network}/${contract}`,
    network,
    chainId: 31337,
    contract,
    action: "create",
    reasons: ["not deployed yet"],
    kind: "plain",
    source: `contracts/src/${contract}.sol`,
    contractName: contract,
    deployer: { account: "deployer" },
    args: [],
    dependsOn: [],
    codeHash: HASH,
    ...over,
  };
}

export function plan(environment: string, steps: PlanStep[]): Plan {
  const count = (a: string) => steps.filter((s) => s.action === a).length;
  return {
    version: 1,
    project: "acme",
    environment,
    compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
    inputsHash: HASH,
    networks: [...new Set(steps.map((s) => s.network))].map((name) => ({
      name,
      chainId: 31337,
      blockNumber: 1,
      steps: steps.filter((s) => s.network === name),
    })),
    summary: {
      create: count("create"),
      upgrade: 0,
      update: count("update"),
      replace: count("replace"),
      remove: count("remove"),
      noop: count("noop"),
      drift: count("drift"),
      blocked: steps.filter((s) => s.problems?.length).length,
    },
  };
}

export function diagnostic(file: string, line: number, message: string, severity: Diagnostic["severity"] = "error"): Diagnostic {
  return { file, line, col: 5, severity, code: "unknown-key", message, hint: "Did you mean autoApply?" };
}

export function report(over: Partial<PrReport> = {}): PrReport {
  return { root: "", headSha: "c".repeat(40), baseSha: "d".repeat(40), diagnostics: [], environments: [], ...over };
}
