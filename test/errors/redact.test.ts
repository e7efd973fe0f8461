import { describe, expect, it } from "vitest";
import { BaseError, redact, redactUrl } from "../../src/errors/index.js";

describe("redact", () => {
  it("strips credentials from RPC URLs in any position", () => {
    expect(redactUrl("https://user:pass@rpc.example.com/")).toBe("https://***@rpc.example.com/");
    expect(redactUrl("https://mainnet.infura.io/v3/4f1c2e9b7a3d4c8e9f0a1b2c3d4e5f60")).toBe("https://mainnet.infura.io/v3/***");
    expect(redactUrl("https://rpc.example.com/?apikey=abc123")).toBe("https://rpc.example.com/?apikey=***");
    expect(redactUrl("http://127.0.0.1:8545")).toBe("http://127.0.0.1:8545");
  });

  it("removes known secret values and URL credentials from free text", () => {
    const key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    const text = `could not sign with ${key} via wss://eth-mainnet.g.alchemy.com/v2/AbCdEf123456GhIjKl7890`;
    const out = redact(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain("AbCdEf123456GhIjKl7890");
    expect(out).toContain("wss://eth-mainnet.g.alchemy.com/v2/***");
  });
});

describe("redact on coloured terminal text", () => {
  it("ends a URL at the colour code after it: the key is masked and the escape kept", () => {
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const out = redact(red("cannot reach https://mainnet.infura.io/v3/4f1c2e9b7a3d4c8e9f0a1b2c3d4e5f60"));
    expect(out).toBe(red("cannot reach https://mainnet.infura.io/v3/***"));
  });
});

describe("BaseError", () => {
  it("says what happened, the details, and what to do next; keeps the cause", () => {
    const cause = new Error("socket hang up");
    const err = new BaseError("could not reach mainnet", {
      details: "timeout after 10s",
      hint: "Check MAINNET_RPC_URL.",
      metaMessages: ["network: mainnet"],
      cause,
    });
    expect(err.message).toBe("could not reach mainnet\n\nnetwork: mainnet\n\nDetails: timeout after 10s\nHint: Check MAINNET_RPC_URL.");
    expect(err.shortMessage).toBe("could not reach mainnet");
    expect(err.walk((e) => e === cause)).toBe(cause);
  });
});
