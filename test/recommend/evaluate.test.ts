import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { useCase as useCaseSchema } from "../../src/config/schema/useCase.js";
import { recommend, type UseCase } from "../../src/recommend/evaluate.js";
import { type DecisionTree, decisionTree, loadDecisionTree } from "../../src/recommend/tree.js";
import { cli } from "../cli/run.js";

let tree: DecisionTree;
beforeAll(async () => {
  tree = await loadDecisionTree();
});
const uc = (u: Partial<UseCase>): UseCase => useCaseSchema.parse(u);

/** One use case per leaf of policies/decision-tree/chains.yaml, and what must come first there. */
const LEAVES: Record<string, { useCase: UseCase; first: string }> = {
  permissioned: {
    useCase: uc({ privacy: "permissioned", evm: "required", regulatory: ["kyc", "data-residency"], teamSkills: ["solidity"] }),
    first: "avalanche-l1",
  },
  "settlement-plus-l2": {
    useCase: uc({ evm: "required", throughput: "high", decentralization: "high", costPerTx: "low", teamSkills: ["solidity"] }),
    first: "arbitrum",
  },
  // A Rust team that needs the EVM: Arbitrum's Stylus is the only L2 here that runs Rust contracts.
  "evm-l2": {
    useCase: uc({ evm: "required", throughput: "high", decentralization: "low", costPerTx: "low", teamSkills: ["rust"] }),
    first: "arbitrum",
  },
  "evm-l1": {
    useCase: uc({ evm: "required", throughput: "low", decentralization: "high", costPerTx: "high", finality: "minutes" }),
    first: "ethereum",
  },
  "high-performance": {
    useCase: uc({ evm: "not-needed", throughput: "very-high", finality: "sub-second", teamSkills: ["rust"] }),
    first: "solana",
  },
  interop: {
    useCase: uc({ evm: "preferred", throughput: "high", interoperability: "native", decentralization: "high", teamSkills: ["rust"] }),
    first: "polkadot-parachain",
  },
  general: {
    useCase: uc({ evm: "preferred", throughput: "medium", finality: "seconds", decentralization: "medium" }),
    first: "avalanche-c",
  },
};

describe("decision tree", () => {
  it("every leaf of the tree is covered by a test case", () => {
    const leaves = Object.entries(tree.nodes)
      .filter(([, n]) => "leaf" in n)
      .map(([id]) => id);
    expect(leaves.sort()).toEqual(Object.keys(LEAVES).sort());
  });

  for (const [leaf, { useCase, first }] of Object.entries(LEAVES)) {
    it(`reaches ${leaf} and ranks ${first} first, explaining path, scores and trade-offs`, () => {
      const r = recommend(tree, useCase);
      expect(r.leaf).toBe(leaf);
      expect(r.path.length).toBeGreaterThan(0);
      expect(r.ranked[0]?.id).toBe(first);
      for (const c of r.ranked) {
        expect(c.tradeoffs.length).toBeGreaterThan(0);
        expect(c.breakdown.length).toBeGreaterThan(0);
        expect(c.score).toBeGreaterThanOrEqual(0);
        expect(c.score).toBeLessThanOrEqual(100);
      }
      // Scores are ordered, and a candidate with a shortfall scores below 100.
      expect(r.ranked.map((c) => c.score)).toEqual([...r.ranked.map((c) => c.score)].sort((a, b) => b - a));
      for (const c of r.ranked) expect(c.score === 100).toBe(c.shortfalls.length === 0);
    });
  }

  it("recommends Ethereum for settlement plus an L2, with a bridge note, for a high-value high-throughput EVM use case", () => {
    const r = recommend(tree, LEAVES["settlement-plus-l2"]?.useCase as UseCase);
    expect(r.combination?.settlement.id).toBe("ethereum");
    expect(["arbitrum", "optimism", "base"]).toContain(r.combination?.execution.id);
    expect(r.combination?.bridge).toMatch(/canonical bridge/);
    expect(r.path.map((s) => `${s.node}=${s.answer}`)).toEqual(["privacy=no", "evm=yes", "evm-scale=yes", "evm-settlement=yes"]);
  });

  it("scores only the criteria the use case declares, and a missing privacy mode at zero", () => {
    const r = recommend(tree, uc({ evm: "not-needed", throughput: "very-high" }));
    const sol = r.ranked.find((c) => c.id === "solana");
    expect(sol?.breakdown.find((b) => b.criterion === "evm")).toBeUndefined();
    const strict = recommend(tree, uc({ privacy: "private", evm: "required" }));
    expect(strict.ranked.find((c) => c.id === "polkadot-parachain")?.breakdown.find((b) => b.criterion === "privacy")?.score).toBe(0);
  });

  it("refuses a tree whose nodes point nowhere or whose leaves name unknown chains", () => {
    const broken = structuredClone(tree) as DecisionTree & { nodes: Record<string, unknown> };
    broken.nodes.evm = { question: "?", when: "evm", yes: "nowhere", no: "general" };
    broken.nodes.general = { leaf: { summary: "x", candidates: ["dogecoin"] } };
    const issues = decisionTree.safeParse(broken).error?.issues.map((i) => i.message) ?? [];
    expect(issues).toContain('node evm points to missing node "nowhere"');
    expect(issues).toContain('leaf general names unknown candidate "dogecoin"');
  });
});

describe("w3o recommend", () => {
  it("reads the use case of the repo, or of --use-case, and prints JSON with --json", async () => {
    const text = await cli("recommend", "examples/infra");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Recommended: Ethereum (L1) for settlement + ");
    expect(text.stdout).toContain("Bridge:");

    const dir = await mkdtemp(path.join(tmpdir(), "w3o-uc-"));
    const file = path.join(dir, "uc.yaml");
    await writeFile(file, stringify({ useCase: { evm: "not-needed", throughput: "very-high", finality: "sub-second" } }));
    const json = await cli("recommend", "--use-case", file, "--json");
    const r = JSON.parse(json.stdout);
    expect(r.leaf).toBe("high-performance");
    expect(r.ranked[0].id).toBe("solana");

    await writeFile(file, stringify({ throughput: "ludicrous" }));
    const bad = await cli("recommend", "--use-case", file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is not a valid use case");
  });
});
