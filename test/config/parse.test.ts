import { describe, expect, it } from "vitest";
import { loadRepo } from "../../src/config/load.js";
import { MAX_DEPTH, parseConfig } from "../../src/config/parse.js";
import { MINIMAL_WITH_DEPLOYER, tempRepo } from "../helpers/configRepo.js";

const repo = tempRepo("w3o-parse-");
const { write, found } = repo;

/** Nine levels of nine aliases each: 9^9 ≈ 387 million strings once expanded. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\ncontracts: *i\n`;
}

describe("hostile YAML", () => {
  it("refuses a billion-laughs alias bomb as one located error with a hint", async () => {
    await write("w3o.yaml", `${MINIMAL_WITH_DEPLOYER}include: [bomb.yaml]\n`);
    await write("bomb.yaml", billionLaughs());
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "bomb.yaml",
        line: 2,
        col: 8, // the first alias
        code: "yaml-alias-limit",
        message: "bomb.yaml expands YAML aliases (*name) into more than 100 values",
        hint: expect.stringContaining("write the repeated values out"),
      }),
    ]);
  });

  it("still resolves a few ordinary aliases", () => {
    const parsed = parseConfig("x.yaml", "base: &net [local]\ncontracts:\n  A: { source: a.sol, networks: *net }\n");
    expect(parsed.ok && parsed.data.contracts).toEqual({ A: { source: "a.sol", networks: ["local"] } });
  });

  it.each([
    ["flow sequences", `contracts: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`, { line: 1, col: 12 + MAX_DEPTH - 1 }],
    ["flow mappings", `contracts: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`, { line: 1, col: 12 + 4 * (MAX_DEPTH - 1) }],
    [
      "block mappings",
      Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"),
      { line: MAX_DEPTH + 1, col: MAX_DEPTH + 1 },
    ],
  ])("refuses %s nested 10,000 deep at the level past the limit, without recursing", async (_, text, at) => {
    await write("w3o.yaml", `${MINIMAL_WITH_DEPLOYER}include: [deep.yaml]\n`);
    await write("deep.yaml", text);
    const { diagnostics } = await loadRepo(repo.dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "deep.yaml",
        ...at,
        code: "nesting-too-deep",
        message: `deep.yaml nests values more than ${MAX_DEPTH} levels deep`,
        hint: expect.stringContaining("flatten"),
      }),
    ]);
  });

  it("reports a file that fails to parse once, at its first error", async () => {
    await write("w3o.yaml", `${MINIMAL_WITH_DEPLOYER}include: [broken.yaml]\n`);
    await write("broken.yaml", "contracts:\n  A: { source: a.sol\n  B: [x\n   C: }\n  D: ]]\n");
    expect(await found()).toEqual(["broken.yaml:3:3 yaml-syntax"]);
  });
});

describe("no knock-on errors", () => {
  it("does not report references to what a file that fails to parse would have defined", async () => {
    await write("w3o.yaml", `${MINIMAL_WITH_DEPLOYER}include: [a.yaml, b.yaml]\n`);
    await write("a.yaml", "contracts:\n  Registry:\n    source: r.sol\n   networks: [local]\n");
    await write(
      "b.yaml",
      'contracts:\n  Token: { source: t.sol, networks: [local], args: ["${contracts.Registry}", "${contracts.Nowhere}"] }\n',
    );
    await write("t.sol", "contract Token {}\n");
    const { diagnostics } = await loadRepo(repo.dir);
    // Nowhere is not in the broken file either: that reference is still reported.
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      "a.yaml:4:1 yaml-syntax invalid YAML: All mapping items must start at the same column",
      'b.yaml:2:78 missing-reference contracts.Token refers to contract "Nowhere", which is not defined',
    ]);
  });

  it("does not report references into a file that is not text, or a section that is not a mapping", async () => {
    await write("w3o.yaml", `${MINIMAL_WITH_DEPLOYER}include: [a.yaml, b.yaml, c.yaml]\n`);
    await write("a.yaml", "contracts:\n  Registry\u0001: {}\n");
    await write("b.yaml", "monitors: [oops]\n");
    await write(
      "c.yaml",
      'contracts:\n  Token: { source: t.sol, networks: [local], args: ["${contracts.Registry}"] }\nworkflows:\n  w: { kind: token-launch, environments: [dev], token: Token }\n',
    );
    await write("t.sol", "contract Token {}\n");
    expect(await found()).toEqual(["a.yaml:2:11 binary-file", "b.yaml:1:11 invalid-type"]);
  });

  it("does not check references to a name defined twice beyond the duplicate itself", async () => {
    await write(
      "w3o.yaml",
      `${MINIMAL_WITH_DEPLOYER.replace("dev: { networks: [local] }", "dev: { networks: [local, other] }")}include: [a.yaml, b.yaml]\n`.replace(
        "accounts:",
        "  other: { chain: ethereum, chainId: 1337, rpc: { env: OTHER_RPC_URL } }\naccounts:",
      ),
    );
    await write("a.yaml", "contracts:\n  Token: { source: t.sol, networks: [local] }\n");
    await write(
      "b.yaml",
      'contracts:\n  Token: { source: t.sol, networks: [other] }\n  Vault: { source: t.sol, contract: Token, networks: [other], args: ["${contracts.Token}"] }\n',
    );
    await write("t.sol", "contract Token {}\n");
    expect(await found()).toEqual(["b.yaml:2:3 duplicate-name"]);
  });
});
