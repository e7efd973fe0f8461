import { describe, expect, it } from "vitest";
import { loadSolc } from "../../src/compile/solc.js";
import { supportedSolc } from "../../src/config/schema/root.js";

describe("bundled compilers", () => {
  // An alias saved as a range (npm:solc@^0.8.24) silently resolves to the newest 0.8.x:
  // every version the config accepts must load exactly that compiler.
  it.each(supportedSolc)("the alias solc-%s loads exactly that version", (version) => {
    expect(loadSolc(version).version()).toMatch(new RegExp(`^${version.replace(/\./g, "\\.")}\\+commit\\.`));
  });
});
