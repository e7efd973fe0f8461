import { describe, expect, it } from "vitest";
import { bumpFees, gwei, parseDuration } from "../../src/apply/fees.js";
import { decodeRevert } from "../../src/apply/revert.js";

describe("fee bumping", () => {
  it("raises both fees by at least 10%, even when asked for less", () => {
    const next = bumpFees({ maxFeePerGas: 100n, maxPriorityFeePerGas: 10n }, 5)!;
    expect(next.maxFeePerGas).toBe(110n);
    expect(next.maxPriorityFeePerGas).toBe(11n);
    expect(bumpFees({ maxFeePerGas: 1000n, maxPriorityFeePerGas: 0n }, 15)).toEqual({ maxFeePerGas: 1150n, maxPriorityFeePerGas: 1n });
  });

  it("never goes above the cap: at the cap the tx keeps waiting", () => {
    expect(bumpFees({ maxFeePerGas: gwei(75), maxPriorityFeePerGas: gwei(2) }, 12, 80)).toBeUndefined();
    expect(bumpFees({ maxFeePerGas: gwei(70), maxPriorityFeePerGas: gwei(2) }, 12, 80)?.maxFeePerGas).toBe(gwei(78.4));
  });

  it("reads stuckAfter durations", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("2m")).toBe(120_000);
  });
});

describe("revert decoding", () => {
  it("decodes Error(string), Panic and custom errors from the ABI", () => {
    expect(
      decodeRevert(
        "0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000046e6f706500000000000000000000000000000000000000000000000000000000",
      ),
    ).toBe('Error("nope")');
    expect(decodeRevert("0x4e487b710000000000000000000000000000000000000000000000000000000000000011")).toMatch(
      /Panic\(0x11\): arithmetic overflow/,
    );
    const abi = ["error OwnableUnauthorizedAccount(address account)"];
    const data = "0x118cdaa7000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    expect(decodeRevert(data, [abi])).toBe("OwnableUnauthorizedAccount(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266)");
    expect(decodeRevert("0x")).toBe("reverted without a reason");
    expect(decodeRevert("0xdeadbeef")).toMatch(/unknown data 0xdeadbeef/);
  });
});
