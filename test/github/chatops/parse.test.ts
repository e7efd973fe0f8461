import { describe, expect, it } from "vitest";
import { checkEnvironment, helpText, parseComment, proseLines } from "../../../src/github/chatops/parse.js";

const F = "```";

describe("parseComment", () => {
  const commands: [string, string, unknown][] = [
    ["plan alone", "/w3o plan", { name: "plan" }],
    ["plan with an environment", "/w3o plan staging", { name: "plan", env: "staging" }],
    ["apply with an environment", "/w3o apply prod", { name: "apply", env: "prod" }],
    ["apply without one", "/w3o apply", { name: "apply" }],
    ["drift", "/w3o drift dev", { name: "drift", env: "dev" }],
    ["unlock", "/w3o unlock prod", { name: "unlock", env: "prod" }],
    ["audit", "/w3o audit", { name: "audit" }],
    ["recommend", "/w3o recommend", { name: "recommend" }],
    ["help", "/w3o help", { name: "help" }],
    ["command word in capitals", "/w3o PLAN dev", { name: "plan", env: "dev" }],
    ["prefix in capitals", "/W3O audit", { name: "audit" }],
    ["extra spaces and a trailing newline", "  /w3o   plan    dev  \n", { name: "plan", env: "dev" }],
    ["CRLF line ends", "Looks good.\r\n/w3o apply dev\r\nthanks", { name: "apply", env: "dev" }],
    ["after prose lines", "I fixed the typo.\n\n/w3o plan dev", { name: "plan", env: "dev" }],
    ["the first of two commands", "/w3o plan dev\n/w3o apply dev", { name: "plan", env: "dev" }],
    ["after a closed fence", `${F}\n/w3o apply prod\n${F}\n/w3o plan dev`, { name: "plan", env: "dev" }],
    ["after a quote", "> /w3o apply prod\n/w3o audit", { name: "audit" }],
    ["after a tilde fence", "~~~\n/w3o apply prod\n~~~\n/w3o help", { name: "help" }],
    ["environment with dots and dashes", "/w3o plan eu-west.2", { name: "plan", env: "eu-west.2" }],
  ];
  it.each(commands)("%s", (_what, body, command) => {
    expect(parseComment(body)).toEqual({ kind: "command", command, line: expect.any(String) });
  });

  const ignored: [string, string][] = [
    ["no prefix", "LGTM"],
    ["an empty comment", ""],
    ["inside a fenced block", `Run this:\n${F}\n/w3o apply prod\n${F}`],
    ["inside a fenced block with a language", `${F}sh\n/w3o apply prod\n${F}`],
    ["inside an unclosed fence", `${F}\n/w3o apply prod`],
    ["a shorter fence does not close a longer one", `\`\`\`\`\n${F}\n/w3o apply prod\n\`\`\`\``],
    ["inline code", "Type `/w3o apply prod` when ready"],
    ["inline code at the line's start", "`/w3o apply prod`"],
    ["a quote", "> /w3o apply prod"],
    ["a nested quote", "> > /w3o apply prod"],
    ["an indented quote", "   > /w3o apply prod"],
    ["an indented code block", "    /w3o apply prod"],
    ["a tab-indented code block", "\t/w3o apply prod"],
    ["prefix in the middle of a line", "please /w3o apply prod"],
    ["prefix glued to a word", "/w3oapply prod"],
    ["a longer word that starts like the prefix", "/w3ox plan"],
  ];
  it.each(ignored)("ignores %s", (_what, body) => {
    expect(parseComment(body)).toEqual({ kind: "none" });
  });

  const typos: [string, string, string | undefined][] = [
    ["paln", "/w3o paln", "plan"],
    ["aply", "/w3o aply prod", "apply"],
    ["adit", "/w3o adit", "audit"],
    ["unlcok", "/w3o unlcok prod", "unlock"],
    ["recomend", "/w3o recomend", "recommend"],
    ["hlep", "/w3o hlep", "help"],
    ["drfit", "/w3o drfit", "drift"],
    ["far from any command", "/w3o deploy prod", undefined],
    ["nothing after the prefix", "/w3o", undefined],
  ];
  it.each(typos)("unknown command %s", (_what, body, suggestion) => {
    const r = parseComment(body);
    expect(r.kind).toBe("unknown");
    expect(r.kind === "unknown" ? r.suggestion : "x").toBe(suggestion);
  });

  const bad: [string, string, RegExp][] = [
    ["two environments", "/w3o apply dev prod", /at most one environment; got dev prod/],
    ["arguments to audit", "/w3o audit everything", /takes no arguments; got everything/],
    ["a name that is no environment", "/w3o plan ../etc", /`..\/etc` is not an environment name/],
    ["a flag", "/w3o plan --force", /`--force` is not an environment name/],
  ];
  it.each(bad)("bad arguments: %s", (_what, body, reason) => {
    const r = parseComment(body);
    expect(r.kind).toBe("bad-arguments");
    expect(r.kind === "bad-arguments" ? r.reason : "").toMatch(reason);
  });

  const prefixes: [string, string, string, unknown][] = [
    ["a custom prefix", "/deploy", "/deploy plan dev", { kind: "command", command: { name: "plan", env: "dev" } }],
    ["the default is then plain text", "/deploy", "/w3o plan dev", { kind: "none" }],
    ["a prefix with regex characters", "w3o+", "w3o+ audit", { kind: "command", command: { name: "audit" } }],
    ["regex characters match only themselves", "w3o+", "w3oo audit", { kind: "none" }],
  ];
  it.each(prefixes)("%s", (_what, prefix, body, expected) => {
    expect(parseComment(body, prefix)).toMatchObject(expected as object);
  });
});

describe("checkEnvironment", () => {
  const envs = ["dev", "staging", "prod"];
  it.each([
    [{ name: "plan" as const }, true, ""],
    [{ name: "plan" as const, env: "staging" }, true, ""],
    [
      { name: "apply" as const, env: "prdo" },
      false,
      "There is no environment `prdo` in w3o.yaml. Did you mean `prod`? Environments: `dev`, `staging`, `prod`.",
    ],
    [{ name: "drift" as const, env: "qa" }, false, "There is no environment `qa` in w3o.yaml. Environments: `dev`, `staging`, `prod`."],
  ])("%j", (command, ok, message) => {
    const r = checkEnvironment(command, envs);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.message).toBe(message);
  });
  it("a repo without environments says so", () => {
    expect(checkEnvironment({ name: "plan", env: "dev" }, [])).toEqual({
      ok: false,
      message: "There is no environment `dev` in w3o.yaml. Environments: none.",
    });
  });
});

describe("helpText and proseLines", () => {
  it("lists every command under the prefix in use", () => {
    const text = helpText("/deploy");
    for (const c of ["plan [ENV]", "apply [ENV]", "drift [ENV]", "unlock [ENV]", "audit", "recommend", "help"]) {
      expect(text).toContain(`\`/deploy ${c}\``);
    }
    expect(text).not.toContain("/w3o");
  });
  it("keeps prose, drops code and quotes", () => {
    expect(proseLines(`a\n${F}\nb\n${F}\n> c\n    d\ne`)).toEqual(["a", "e"]);
  });
});
