import { describe, expect, it } from "vitest";
import type { ApplyResult } from "../../src/apply/index.js";
import { type ApplyOutcome, applyOutcome, applyResultComment } from "../../src/report/applyComment.js";

const RPC = "https://eth-mainnet.g.alchemy.com/v2/AbCdEf0123456789AbCdEf0123456789";

function outcome(over: Partial<ApplyOutcome> = {}): ApplyOutcome {
  return {
    environment: "staging",
    networks: [
      {
        network: "sepolia",
        recordFile: "deployments/staging/sepolia.json",
        contracts: [
          { name: "Token", address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
          { name: "Vault", address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" },
        ],
      },
    ],
    failed: [],
    notApplied: [],
    warnings: [],
    ...over,
  };
}

describe("the PR comment after an apply", () => {
  it("lists each network's addresses under a complete verdict, with the commit and the log link", () => {
    const text = applyResultComment(outcome(), { sha: "c".repeat(40), logUrl: "https://github.com/acme/infra/runs/9" });

    expect(text.split("\n")[0]).toBe("### ✅ Apply of `staging` complete");
    expect(text).toContain(`Commit \`${"c".repeat(40)}\``);
    expect(text).toContain("<summary>sepolia: 2 contracts, record deployments/staging/sepolia.json</summary>");
    expect(text).toContain("| Token | `0x5FbDB2315678afecb367f032d93F642f64180aa3` |");
    expect(text).toContain("| Vault | `0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512` |");
    expect(text.endsWith("[The full log](https://github.com/acme/infra/runs/9)")).toBe(true);
  });

  it("says what failed and what was not applied, redacting an RPC key in a failure", () => {
    const text = applyResultComment(
      outcome({
        failed: [`Vault on sepolia: the RPC endpoint ${RPC} answered 500 three times`],
        notApplied: [{ contract: "Registry", action: "replace", why: "constructor arguments changed" }],
      }),
    );

    expect(text.split("\n")[0]).toBe("### ❌ Apply of `staging` finished with failures");
    expect(text).toContain(
      "**Failed**\n- ✖ Vault on sepolia: the RPC endpoint https://eth-mainnet.g.alchemy.com/v2/*** answered 500 three times",
    );
    expect(text).toContain("**Not applied**\n- `Registry` (replace): constructor arguments changed");
    expect(text).not.toContain("AbCdEf0123456789");
  });

  it("says incomplete when steps were left alone and nothing failed", () => {
    const text = applyResultComment(outcome({ notApplied: [{ contract: "A", action: "drift", why: "changed on chain" }] }));
    expect(text.split("\n")[0]).toBe("### ⚠️ Apply of `staging` incomplete: 1 step not applied");
  });

  it("stays within GitHub's comment limit with thousands of addresses and failures, keeping the verdict and the log", () => {
    const contracts = Array.from({ length: 400 }, (_, i) => ({ name: `C${i}`, address: `0x${i.toString(16).padStart(40, "0")}` }));
    const networks = Array.from({ length: 12 }, (_, i) => ({ network: `net${i}`, recordFile: `deployments/prod/net${i}.json`, contracts }));
    const failed = Array.from({ length: 3000 }, (_, i) => `C${i} on net0: execution reverted`);
    const text = applyResultComment(outcome({ networks, failed }), { logUrl: "https://github.com/acme/infra/runs/9" });

    expect(text.length).toBeLessThanOrEqual(65_536 - 200);
    expect(text.split("\n")[0]).toBe("### ❌ Apply of `staging` finished with failures");
    expect(text).toContain("- ✖ C0 on net0: execution reverted");
    expect(text).toMatch(/- … and [\d,]+ more: see the log/);
    expect(text).toContain("net11");
    expect(text.endsWith("[The full log](https://github.com/acme/infra/runs/9)")).toBe(true);
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
  });

  it("is built from an apply's result: records, failures, skipped steps and foreign records", () => {
    const result = {
      plan: { networks: [{ foreignRecord: { reason: "the record of mainnet is of another chain" } }, {}] },
      networks: [
        {
          network: "mainnet",
          recordFile: "deployments/prod/mainnet.json",
          record: { contracts: { Token: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" } } },
        },
      ],
      applied: true,
      failed: ["Vault: reverted"],
      skipped: [{ id: "mainnet/Registry", contract: "Registry", action: "replace", why: "bytecode changed" }],
    } as unknown as ApplyResult;

    expect(applyOutcome(result, "prod")).toEqual({
      environment: "prod",
      networks: [
        {
          network: "mainnet",
          recordFile: "deployments/prod/mainnet.json",
          contracts: [{ name: "Token", address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" }],
        },
      ],
      failed: ["Vault: reverted"],
      notApplied: [{ contract: "Registry", action: "replace", why: "bytecode changed" }],
      warnings: ["the record of mainnet is of another chain"],
    });
  });
});
