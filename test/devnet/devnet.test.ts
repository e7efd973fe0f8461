import { Contract, Interface, JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, devAccounts, MULTICALL3_ADDRESS, startDevnet } from "../../src/devnet/index.js";

const ABI = [
  "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[])",
  "function getChainId() view returns (uint256)",
  "function getEthBalance(address) view returns (uint256)",
  "function getBlockNumber() view returns (uint256)",
];

let devnet: Anvil;
let provider: JsonRpcProvider;
beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true });
});
afterAll(async () => {
  provider?.destroy();
  await devnet?.stop();
});

describe("startDevnet", () => {
  it("runs a real anvil on a free port with the requested chain id", async () => {
    expect(devnet.port).toBeGreaterThan(0);
    expect(Number((await provider.getNetwork()).chainId)).toBe(31337);
    expect(await provider.send("web3_clientVersion", [])).toMatch(/^anvil\//);
  });

  it("funds the public dev accounts it reports", async () => {
    expect(devnet.accounts.map((a) => a.address)).toEqual(
      await provider
        .send("eth_accounts", [])
        .then((xs: string[]) =>
          xs.map((x) => x.toLowerCase()).map((x) => devnet.accounts.find((a) => a.address.toLowerCase() === x)?.address),
        ),
    );
    expect(devnet.accounts[0]).toEqual(devAccounts(1)[0]);
    expect(await provider.getBalance(devnet.accounts[0]!.address)).toBeGreaterThan(0n);
  });

  it("has Multicall3 at its canonical address, answering aggregate3", async () => {
    expect((await provider.getCode(MULTICALL3_ADDRESS)).length).toBeGreaterThan(1000);
    const mc = new Contract(MULTICALL3_ADDRESS, ABI, provider);
    const iface = new Interface(ABI);
    const account = devnet.accounts[3]!.address;
    const results = await mc.getFunction("aggregate3").staticCall([
      { target: MULTICALL3_ADDRESS, allowFailure: false, callData: iface.encodeFunctionData("getChainId") },
      { target: MULTICALL3_ADDRESS, allowFailure: false, callData: iface.encodeFunctionData("getEthBalance", [account]) },
      // A call that reverts (no code at the target) must be reported, not thrown, when allowed to fail.
      { target: MULTICALL3_ADDRESS, allowFailure: true, callData: "0xdeadbeef" },
    ]);
    expect(results[0].success).toBe(true);
    expect(iface.decodeFunctionResult("getChainId", results[0].returnData)[0]).toBe(31337n);
    expect(iface.decodeFunctionResult("getEthBalance", results[1].returnData)[0]).toBe(await provider.getBalance(account));
    expect(results[2].success).toBe(false);
  });

  it("stops the node", async () => {
    const other = await startDevnet({ port: 0 });
    await other.stop();
    expect(other.process.exitCode !== null || other.process.signalCode !== null).toBe(true);
    await expect(fetch(other.url, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
