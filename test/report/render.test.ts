import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { CHECK_TEXT_LIMIT, COMMENT_LIMIT, renderReport, type Section, withSections } from "../../src/report/index.js";
import { diagnostic, plan, report, step } from "../helpers/reportFixtures.js";

/** Parses like GitHub (CommonMark + HTML): every `<details>` closed, every code fence closed on its own line. */
function expectBalanced(md: string): void {
  const lines = md.split("\n");
  let depth = 0;
  for (const t of new MarkdownIt({ html: true }).parse(md, {})) {
    if (t.type === "html_block") {
      for (const m of t.content.matchAll(/<(\/?)details>/g)) {
        depth += m[1] ? -1 : 1;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
    }
    if (t.type === "fence") expect(lines[(t.map as [number, number])[1] - 1]?.trim(), "an unclosed fence runs to the end").toBe(t.markup);
  }
  expect(depth).toBe(0);
}

const bigPlan = () =>
  plan("dev", [
    ...Array.from({ length: 1_998 }, (_, i) =>
      step("local", `Token${i}`, { reasons: [`deploy Token${i} with constructor("Acme ${i}", "ACM")`] }),
    ),
    step("local", "Vault", { problems: ["runtime code is 30,112 bytes, over the 24,576 limit of local"] }),
    step("local", "Router", { problems: ["storage layout of Router is incompatible: slot 0 was `owner`"] }),
  ]);

describe("renderReport: the PR comment", () => {
  it("a small report has every section at full detail, a create step in a collapsed plan, and no shortening note", () => {
    const r = renderReport(report({ environments: [{ name: "dev", plan: plan("dev", [step("local", "AcmeToken")]), unread: [] }] }));
    expect(r.comment).toContain("✅ **w3o: ready to merge**");
    expect(r.comment).toContain("**Plan: 1 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted**");
    expect(r.comment).toMatch(/<details>\n<summary>1 step<\/summary>\n\n```diff\n[\s\S]*\n\+ create\s+AcmeToken/);
    expect(r.comment).toContain("After merge: `w3o apply --env dev`");
    expect(r.folded).toEqual([]);
    expect(r.comment).not.toContain("Shortened");
    expectBalanced(r.comment);
  });

  it("a plan of 2,000 steps is shortened under 65,536 characters with balanced markdown, the summary and the refused steps kept", () => {
    const r = renderReport(report({ environments: [{ name: "dev", plan: bigPlan(), unread: [] }] }));
    expect(r.comment.length).toBeLessThanOrEqual(COMMENT_LIMIT - 200);
    expectBalanced(r.comment);
    expect(r.comment).toContain("2 steps apply would refuse");
    expect(r.comment).toContain("**Plan: 2000 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted, 2 blocked**");
    expect(r.comment).toContain("`local/Vault`: runtime code is 30,112 bytes");
    expect(r.comment).toContain("`local/Router`: storage layout of Router is incompatible: slot 0 was `owner`");
    expect(r.comment).toContain("Shortened to fit GitHub's comment limit");
    expect(r.folded).toContain("plans");
    // The check run text keeps as much of the plan as its own limit allows, also balanced.
    expect(r.check.text.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(r.check.summary.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expectBalanced(r.check.text);
    expect(r.check.text).toMatch(/more lines: see the JSON report/);
  });

  it("folds the rendered diff before the plan", () => {
    const diff = Array.from({ length: 5_000 }, (_, i) => `+  replicas: ${i}`).join("\n");
    const small = plan("dev", [step("local", "AcmeToken")]);
    const r = renderReport(
      report({ environments: [{ name: "dev", plan: small, unread: [] }], renderDiff: [{ target: "kubernetes", diff }] }),
    );
    expect(r.folded).toEqual(["renderDiff"]);
    expect(r.comment).toContain("- `kubernetes`: 5,000 lines added, 0 removed");
    expect(r.comment).toMatch(/\+ create\s+AcmeToken/);
    expectBalanced(r.comment);
  });

  it("keeps code fences closed when a message carries backticks", () => {
    const tricky = step("local", "Odd", { reasons: ["name has ``` in it"] });
    const r = renderReport(report({ environments: [{ name: "dev", plan: plan("dev", [tricky]), unread: [] }] }));
    expectBalanced(r.comment);
    expect(r.comment).toContain("````diff");
  });

  it("config errors: listed with file, line and hint, each an annotation at the git-root path, and the check fails", () => {
    const r = renderReport(
      report({
        root: "infra",
        diagnostics: [diagnostic("w3o.yaml", 8, 'unknown key "autoAplly"'), diagnostic("contracts/a.yaml", 3, "odd", "warning")],
      }),
    );
    expect(r.verdict).toEqual({ conclusion: "failure", reasons: ["1 config error"] });
    expect(r.comment).toContain('- ✖ `infra/w3o.yaml:8:5` unknown key "autoAplly" — Did you mean autoApply?');
    expect(r.check.annotations).toEqual([
      {
        path: "infra/w3o.yaml",
        startLine: 8,
        startColumn: 5,
        level: "failure",
        title: "unknown-key",
        message: 'unknown key "autoAplly"\nHint: Did you mean autoApply?',
      },
      {
        path: "infra/contracts/a.yaml",
        startLine: 3,
        startColumn: 5,
        level: "warning",
        title: "unknown-key",
        message: "odd\nHint: Did you mean autoApply?",
      },
    ]);
  });

  it("networks without live state are named with the reason, and the rest of the report still appears", () => {
    const r = renderReport(
      report({
        diagnostics: [diagnostic("w3o.yaml", 2, "a warning", "warning")],
        environments: [
          { name: "dev", plan: plan("dev", [step("local", "AcmeToken")]), unread: [] },
          {
            name: "prod",
            plan: plan("prod", []),
            unread: [
              {
                network: "mainnet",
                reason: "MAINNET_RPC_URL is not set for pull requests from forks",
                fix: "plan after merge, or run w3o plan --env prod locally",
              },
            ],
          },
        ],
      }),
    );
    expect(r.verdict.conclusion).toBe("success");
    expect(r.comment).toContain(
      "Live state not read for:\n- `mainnet`: MAINNET_RPC_URL is not set for pull requests from forks — plan after merge",
    );
    expect(r.comment).toContain("`prod`: 0 to create, 0 to upgrade, 0 to remove, 0 unchanged, 0 drifted (1 network without live state)");
    expect(r.comment).toMatch(/\+ create\s+AcmeToken/);
    expect(r.comment).toContain("### Config (1 warning)");
  });

  it("refused steps fail the check and name the step", () => {
    const r = renderReport(report({ environments: [{ name: "dev", plan: bigPlan(), unread: [] }] }));
    expect(r.verdict).toEqual({ conclusion: "failure", reasons: ["dev: 2 steps apply would refuse"] });
    expect(r.check.title).toBe("dev: 2 steps apply would refuse");
  });

  it("redacts known secrets and URL credentials from every output", () => {
    const key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    const url = "https://eth-mainnet.g.alchemy.com/v2/abcdefghij0123456789KLMN";
    const r = renderReport(
      report({
        diagnostics: [diagnostic("w3o.yaml", 1, `invalid env "${key}" at ${url}`)],
        environments: [{ name: "prod", error: `the RPC endpoint ${url} failed 5 times`, unread: [] }],
      }),
      { secrets: [key] },
    );
    for (const text of [
      r.comment,
      r.check.title,
      r.check.summary,
      r.check.text,
      r.jobSummary,
      r.json,
      ...r.check.annotations.map((a) => a.message),
    ]) {
      expect(text).not.toContain(key.slice(2));
      expect(text).not.toContain("abcdefghij0123456789KLMN");
    }
    expect(r.comment).toContain("https://eth-mainnet.g.alchemy.com/v2/***");
  });

  it("a face replaces a section by its id", () => {
    const quiet: Section = { id: "plans", foldOrder: 6, render: (rep) => [`${rep.environments.length} environment(s) planned`] };
    const r = renderReport(report({ environments: [{ name: "dev", plan: plan("dev", [step("local", "A")]), unread: [] }] }), {
      sections: withSections([quiet]),
    });
    expect(r.comment).toContain("1 environment(s) planned");
    expect(r.comment).not.toContain("+ create");
  });

  it("the JSON report holds the whole report and the verdict", () => {
    const input = report({ environments: [{ name: "dev", plan: bigPlan(), unread: [] }] });
    const parsed = JSON.parse(renderReport(input).json);
    expect(parsed.verdict.conclusion).toBe("failure");
    expect(parsed.report.environments[0].plan.networks[0].steps).toHaveLength(2_000);
  });
});

describe("the balance check itself", () => {
  it("catches an unclosed fence and an unclosed <details>", () => {
    expect(() => expectBalanced("text\n\n```diff\n+ a\n")).toThrow();
    expect(() => expectBalanced("<details>\n<summary>x</summary>\n\nbody\n")).toThrow();
    expect(() => expectBalanced("<details>\n<summary>x</summary>\n\n```\nbody\n```\n\n</details>")).not.toThrow();
  });
});

describe("renderReport: the audit", () => {
  it("marks findings new in this PR or already on the base, and fails on those at or above failOn", async () => {
    const { buildReport } = await import("../../src/policy/report.js");
    const finding = (fingerprint: string, severity: "high" | "low") => ({
      ruleId: `W3O-SEC-${fingerprint}`,
      status: "fail" as const,
      resource: `contracts.${fingerprint}`,
      location: { file: "contracts/token.yaml", line: 4, col: 3 },
      message: `problem ${fingerprint}`,
      fingerprint,
      severity,
      title: `title ${fingerprint}`,
      remediation: `fix ${fingerprint}`,
    });
    const evaluation = {
      rules: [],
      results: [],
      findings: [finding("old", "high"), finding("new", "low")],
      suppressed: [],
      unusedSuppressions: [],
    };
    const r = renderReport(report({ audit: buildReport(evaluation, { failOn: "high" }), baseFindings: ["old"] }));
    expect(r.comment).toContain("### Audit: 2 findings, 1 new in this PR");
    expect(r.comment).toContain("| 🟠 high | base | `W3O-SEC-old` | `contracts/token.yaml:4:3` | problem old | fix old |");
    expect(r.comment).toContain("| 🔵 low | new | `W3O-SEC-new` |");
    expect(r.verdict).toEqual({ conclusion: "failure", reasons: ["1 finding at or above high"] });
    expect(r.check.annotations.map((a) => [a.level, a.message])).toEqual([
      ["failure", "problem old\nHow to fix: fix old"],
      ["notice", "problem new\nHow to fix: fix new"],
    ]);
  });
});
