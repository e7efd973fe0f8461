import { describe, expect, it } from "vitest";
import { collectSources, importsOf } from "../../src/compile/sources.js";
import { tempRepo } from "../fixtures/contracts.js";

describe("importsOf", () => {
  it("finds every import form and ignores imports inside comments", () => {
    const src = `// SPDX-License-Identifier: MIT
import "./A.sol";
import "./B.sol" as B;
import * as C from "./C.sol";
import {D, E as F} from '../lib/D.sol';
import /* a comment in between */ "./G.sol";
// import "./Commented.sol";
/* import "./Block.sol";
   import {X} from "./Block2.sol"; */
contract Z {}
`;
    expect(importsOf(src)).toEqual(["./A.sol", "./B.sol", "./C.sol", "../lib/D.sol", "./G.sol"]);
  });
});

describe("collectSources", () => {
  it("reads the roots and everything they import: relative paths and npm packages, once each", async () => {
    const dir = await tempRepo({
      "contracts/Token.sol": `import "./lib/Math.sol";\nimport {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";\ncontract Token {}`,
      "contracts/lib/Math.sol": `import "../Token.sol"; // a cycle: read once\nlibrary Math {}`,
    });
    const sources = await collectSources(dir, ["contracts/Token.sol"]);
    expect(Object.keys(sources)).toContain("contracts/lib/Math.sol");
    expect(Object.keys(sources)).toContain("@openzeppelin/contracts/token/ERC20/ERC20.sol");
    expect(Object.keys(sources)).toContain("@openzeppelin/contracts/token/ERC20/IERC20.sol"); // imported by ERC20.sol
    expect(sources["contracts/lib/Math.sol"]).toContain("library Math");
  });
});
