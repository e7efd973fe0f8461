import { Interface } from "ethers";
import { describe, expect, it } from "vitest";
import { encodeCall, encodeConstructorArgs } from "../../../src/chains/evm/abi.js";

const abi = [
  {
    type: "constructor",
    inputs: [
      { name: "name", type: "string" },
      { name: "supply", type: "uint256" },
      { name: "owner", type: "address" },
      { name: "flags", type: "bool[]" },
      { name: "id", type: "bytes32" },
      {
        name: "cfg",
        type: "tuple",
        components: [
          { name: "who", type: "address" },
          { name: "limit", type: "int64" },
        ],
      },
      { name: "data", type: "bytes" },
    ],
  },
  {
    type: "function",
    name: "initialize",
    inputs: [
      { name: "owner", type: "address" },
      { name: "x", type: "uint256" },
    ],
    outputs: [],
  },
  { type: "function", name: "initialize", inputs: [{ name: "owner", type: "address" }], outputs: [] },
] as const;
const ethersIface = new Interface(abi as never);
const owner = "0xcA11bde05977b3631167028862bE2a173976CA11";

describe("ABI encoding on apply's hot path", () => {
  it("gives exactly ethers' bytes for constructor args, numeric strings and lower-case addresses included", () => {
    const cases: unknown[][] = [
      ["Token", 1000, owner, [true, false], `0x${"ab".repeat(32)}`, [owner, -5], "0x"],
      ["", "1000000000000000000000000", owner.toLowerCase(), [], `0x${"00".repeat(32)}`, [owner.toLowerCase(), "42"], "0x1234"],
    ];
    for (const args of cases) expect(encodeConstructorArgs(abi, args)).toBe(ethersIface.encodeDeploy(args));
  });

  it("picks the overload by argument count, as ethers does", () => {
    expect(encodeCall(abi, "initialize", [owner, 7n])).toBe(ethersIface.encodeFunctionData("initialize(address,uint256)", [owner, 7n]));
    expect(encodeCall(abi, "initialize", [owner])).toBe(ethersIface.encodeFunctionData("initialize(address)", [owner]));
  });

  it("refuses a mistyped address checksum, a value out of range and a wrong argument count", () => {
    const badChecksum = "0xCA11bde05977b3631167028862bE2a173976CA11";
    const base = ["T", 1, owner, [], `0x${"00".repeat(32)}`, [owner, 0], "0x"];
    const withArg = (i: number, v: unknown) => base.map((x, k) => (k === i ? v : x));
    expect(() => encodeConstructorArgs(abi, withArg(2, badChecksum))).toThrow(/bad address checksum/);
    expect(() => encodeConstructorArgs(abi, withArg(5, [owner, 2n ** 64n]))).toThrow();
    expect(() => encodeConstructorArgs(abi, base.slice(1))).toThrow(/expected 7 argument/);
  });

  it("encodes nothing for a contract without a constructor", () => {
    expect(encodeConstructorArgs([], [])).toBe("0x");
    expect(() => encodeConstructorArgs([], [1])).toThrow(/no constructor/);
  });
});
