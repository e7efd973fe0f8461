import { describe, expect, it } from "vitest";
import type { Plan, PlanStep } from "../../src/plan/types.js";
import { renderPlan, summaryLine } from "../../src/report/plan.js";

const A = "0x000000000000000000000000000000000000dEaD";
const step = (contract: string, action: PlanStep["action"], extra: Partial<PlanStep> = {}): PlanStep => ({
  id: `local/${contract}`,
  network: "local",
  chainId: 31337,
  contract,
  action,
  reasons: [`reason for ${contract}`],
  kind: "plain",
  source: `contracts/${contract}.sol`,
  contractName: contract,
  deployer: { account: "deployer" },
  args: [],
  dependsOn: [],
  codeHash: `0x${"00".repeat(32)}`,
  ...extra,
});

const plan: Plan = {
  version: 1,
  project: "acme",
  environment: "dev",
  compiler: { version: "0.8.28", optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
  inputsHash: `0x${"12".repeat(32)}`,
  networks: [
    {
      name: "local",
      chainId: 31337,
      blockNumber: 7,
      steps: [
        step("Token", "create"),
        step("LongerName", "update", {
          kind: "uups",
          changes: [
            {
              kind: "upgrade",
              fromImplementation: A,
              fromCodeHash: `0x${"01".repeat(32)}`,
              toCodeHash: `0x${"02".repeat(32)}`,
              storageLayout: "compatible",
            },
          ],
          recorded: { address: A, codeHash: `0x${"03".repeat(32)}` },
        }),
        step("Owned", "drift"),
        step("Same", "noop", { recorded: { address: A, codeHash: `0x${"03".repeat(32)}` } }),
        step("Gone", "remove"),
      ],
    },
  ],
  summary: { create: 1, upgrade: 1, update: 0, replace: 0, remove: 1, noop: 1, drift: 1, blocked: 0 },
};

describe("renderPlan", () => {
  it("one aligned line per contract with its symbol, reasons under everything but noop, and the summary", () => {
    const text = renderPlan(plan);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Plan for acme · environment dev · solc 0.8.28");
    expect(text).toContain("local (chain 31337, block 7)");
    const rows = lines.filter((l) => /^ {2}[+~!=-] /.test(l));
    expect(rows.map((r) => r.slice(2, 11))).toEqual(["+ create ", "~ upgrade", "! drift  ", "= noop   ", "- remove "]);
    // Names are padded to the longest, so what follows starts in one column.
    const col = rows.map((r) => r.indexOf("contracts/"));
    expect(new Set(col).size).toBe(1);
    expect(text).toContain("uups proxy  contracts/LongerName.sol:LongerName  0x000000000000000000000000000000000000dEaD");
    expect(text).toContain("      reason for Owned");
    expect(text).not.toContain("reason for Same");
    expect(lines.at(-2)).toBe("Plan: 1 to create, 1 to upgrade, 1 to remove, 1 unchanged, 1 drifted");
  });

  it("colours through the palette it is given, and plain text without one", () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const palette = { green: tag("g"), yellow: tag("y"), red: tag("r"), cyan: tag("c"), dim: tag("d"), bold: tag("b"), magenta: tag("m") };
    const text = renderPlan(plan, palette);
    expect(text).toMatch(/<g> {2}\+ create/);
    expect(text).toMatch(/<r> {2}! drift/);
    expect(renderPlan(plan)).not.toContain("<");
  });
});

describe("summaryLine", () => {
  it("has the fixed five counts, and names updates and replacements only when there are some", () => {
    const zero = { create: 0, upgrade: 0, update: 0, replace: 0, remove: 0, noop: 0, drift: 0, blocked: 0 };
    expect(summaryLine({ ...zero, create: 3, upgrade: 1, noop: 5, drift: 1 })).toBe(
      "Plan: 3 to create, 1 to upgrade, 0 to remove, 5 unchanged, 1 drifted",
    );
    expect(summaryLine({ ...zero, update: 2, replace: 1 })).toBe(
      "Plan: 0 to create, 0 to upgrade, 2 to update, 1 to replace, 0 to remove, 0 unchanged, 0 drifted",
    );
    expect(summaryLine({ ...zero, create: 2, blocked: 1 })).toBe(
      "Plan: 2 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted, 1 blocked",
    );
  });

  it("puts a step's problems under it, even a noop's, and says apply will refuse", () => {
    const first = plan.networks[0]!;
    const blocked: Plan = {
      ...plan,
      networks: [{ ...first, steps: first.steps.map((s) => (s.contract === "Same" ? { ...s, problems: ["too big to deploy"] } : s)) }],
      summary: { ...plan.summary, blocked: 1 },
    };
    const lines = renderPlan(blocked).split("\n");
    const row = lines.findIndex((l) => l.startsWith("  = noop    Same"));
    expect(lines[row + 1]).toBe("      ✖ too big to deploy");
    expect(lines.at(-2)).toBe("Apply will refuse this plan until the ✖ problems above are fixed.");
    expect(renderPlan(plan)).not.toContain("✖");
  });

  it("lists solc's warnings under the header, file:line:col first", () => {
    const warned: Plan = {
      ...plan,
      compilerWarnings: [
        {
          severity: "warning",
          file: "contracts/Box.sol",
          line: 19,
          col: 9,
          type: "Warning",
          message: "Unused local variable.",
          snippet: "uint256 unused",
        },
      ],
    };
    const lines = renderPlan(warned).split("\n");
    expect(lines.slice(2, 4)).toEqual([
      "solc warnings (1):",
      "  contracts/Box.sol:19:9: Warning: Unused local variable. (`uint256 unused`)",
    ]);
    expect(renderPlan(plan)).not.toContain("solc warnings");
  });
});

describe("formatArgs", () => {
  it("quotes text, keeps addresses and big numbers bare, shows references as written", async () => {
    const { formatArgs } = await import("../../src/plan/index.js");
    expect(formatArgs(["Acme", "1000000000000000000000000000", A, 7, [A], { $ref: "contracts.Timelock" }])).toBe(
      `"Acme", 1000000000000000000000000000, ${A}, 7, [${A}], \${contracts.Timelock}`,
    );
    expect(formatArgs(["x".repeat(60)])).toBe(`"${"x".repeat(45)}…"`);
  });
});
