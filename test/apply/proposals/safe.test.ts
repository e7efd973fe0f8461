import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Contract, ContractFactory, Interface, JsonRpcProvider, NonceManager, recoverAddress, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEnvironment } from "../../../src/apply/index.js";
import { buildSafeProposal, proposeToService, transactionBuilderBatch } from "../../../src/apply/proposals/safe.js";
import { Rpc } from "../../../src/chains/evm/client.js";
import { packSignatures, SAFE_ABI, safeTxArgs, safeTxTypedData } from "../../../src/chains/evm/safe/safeTx.js";
import { loadRepo } from "../../../src/config/load.js";
import { type Anvil, startDevnet } from "../../../src/devnet/index.js";
import { createSigner } from "../../../src/signers/index.js";
import { defaultStatePath, openState } from "../../../src/state/db.js";
import { fileRecordSink } from "../../../src/state/records.js";
import { fixtureCopy } from "../../helpers/applyRepo.js";
import { localService } from "../../helpers/localService.js";

// Safe's own build (safe-smart-account 1.5.0): the singleton, the proxy factory and MultiSendCallOnly, deployed on anvil.
const require = createRequire(import.meta.url);
const artifact = (p: string) =>
  require(`@safe-global/safe-smart-account/build/artifacts/contracts/${p}`) as { abi: unknown[]; bytecode: string };

let devnet: Anvil;
let provider: JsonRpcProvider;
let safeAddress: string;
let multiSend: string;
const dirs: string[] = [];

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  provider = new JsonRpcProvider(devnet.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const deployer = new NonceManager(new Wallet(devnet.accounts[4]!.privateKey, provider));
  const deploy = async (p: string) => {
    const a = artifact(p);
    const c = await new ContractFactory(a.abi as never, a.bytecode, deployer).deploy();
    await c.waitForDeployment();
    return c.getAddress();
  };
  const singleton = await deploy("Safe.sol/Safe.json");
  const factory = new Contract(
    await deploy("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
    artifact("proxies/SafeProxyFactory.sol/SafeProxyFactory.json").abi as never,
    deployer,
  );
  multiSend = await deploy("libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json");
  // A 2-of-3 Safe whose owners are dev accounts 1, 2 and 3 (standing in for hardware wallets).
  const owners = [1, 2, 3].map((i) => devnet.accounts[i]!.address);
  const setup = new Interface(artifact("Safe.sol/Safe.json").abi as never).encodeFunctionData("setup", [
    owners,
    2,
    "0x0000000000000000000000000000000000000000",
    "0x",
    "0x0000000000000000000000000000000000000000",
    "0x0000000000000000000000000000000000000000",
    0,
    "0x0000000000000000000000000000000000000000",
  ]);
  const receipt = await (await factory.getFunction("createProxyWithNonce")(singleton, setup, 1n)).wait();
  const created = receipt.logs
    .map((l: { topics: string[]; data: string }) => factory.interface.parseLog(l))
    .find((e: { name: string } | null) => e?.name === "ProxyCreation");
  safeAddress = created.args.proxy;
});
afterAll(async () => {
  provider?.destroy();
  await devnet?.stop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The fixture repo applied with `minter` = the Safe: Registry ends up owned by the Safe. */
async function appliedWithSafeOwner(deployerIndex: number) {
  const dir = await fixtureCopy();
  dirs.push(dir);
  const file = path.join(dir, "w3o.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace('"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"', `"${safeAddress}"`));
  const vars = { W3O_TEST_RPC_URL: devnet.url, W3O_TEST_DEPLOYER_KEY: devnet.accounts[deployerIndex]!.privateKey };
  const apply = async () => {
    const { model, diagnostics } = await loadRepo(dir);
    if (!model) throw new Error(JSON.stringify(diagnostics));
    const store = await openState(defaultStatePath(dir));
    try {
      return await applyEnvironment(model, "dev", { vars, store, records: fileRecordSink(dir), pollMs: 10 });
    } finally {
      await store.close();
    }
  };
  expect((await apply()).failed).toEqual([]);
  const record = JSON.parse(await readFile(path.join(dir, "deployments/dev/local.json"), "utf8"));
  return { dir, file, apply, registry: record.contracts.Registry.address as string };
}

/** The repo now wants Registry owned by the deployer (only the Safe can transfer it), proposed by dev account `proposer`. */
async function wantDeployerAsOwner(file: string, txService: string, proposer: number) {
  const yaml = (await readFile(file, "utf8"))
    .replace('    owner: "${accounts.minter}"', '    owner: "${accounts.deployer}"')
    .replace(
      "    confirmations: 0\n",
      `    confirmations: 0\n    safe: { multiSendCallOnly: "${multiSend}", txService: "${txService}", proposer: proposer }\n`,
    )
    .replace("  minter:\n", `  proposer:\n    signer: { devnet: ${proposer} }\n  minter:\n`);
  await writeFile(file, yaml);
}

const ownable = new Interface(["function owner() view returns (address)", "function transferOwnership(address newOwner)"]);

describe("Safe proposals", () => {
  it("builds the SafeTx of a batch whose hash is the Safe's own, proposes it, and the owners' signatures execute it on anvil", async () => {
    const { registry } = await appliedWithSafeOwner(5);
    const registryC = new Contract(registry, ownable, provider);
    expect(await registryC.getFunction("owner")()).toBe(safeAddress);
    const safeC = new Contract(safeAddress, SAFE_ABI, provider);
    const newOwner = devnet.accounts[9]!.address;
    const abi = new Interface([...ownable.fragments, ...new Interface(["function changeThreshold(uint256 _threshold)"]).fragments]);
    const proposal = await buildSafeProposal(new Rpc(devnet.url), {
      safe: safeAddress,
      chainId: 31337,
      multiSendCallOnly: multiSend,
      abi,
      calls: [
        { to: registry, data: ownable.encodeFunctionData("transferOwnership", [newOwner]), description: "transfer ownership of Registry" },
        { to: safeAddress, data: abi.encodeFunctionData("changeThreshold", [3]), description: "require 3 of 3" },
      ],
    });
    expect(proposal.safeVersion).toBe("1.5.0");
    expect(proposal.tx).toMatchObject({ to: multiSend, operation: 1, nonce: 0 });
    expect(proposal.calls.map((c) => [c.method, c.args])).toEqual([
      ["transferOwnership(address)", { newOwner }],
      ["changeThreshold(uint256)", { _threshold: "3" }],
    ]);
    // The Safe computes the same hash on chain.
    const t = proposal.tx;
    const onChain = await safeC.getFunction("getTransactionHash")(...safeTxArgs(t), t.nonce);
    expect(proposal.safeTxHash).toBe(onChain);

    // The Transaction Service gets the SafeTx and the proposer's signature, which recovers to the proposer (an owner).
    const service = await localService((req) => {
      const body = JSON.parse(req.body);
      const ok = recoverAddress(body.contractTransactionHash, body.signature) === body.sender;
      return ok ? { status: 201, body: null } : { status: 422, body: { signature: ["invalid"] } };
    });
    const proposer = await createSigner({ devnet: 1 }, { env: {}, chainId: 31337, repoDir: "." });
    try {
      await proposeToService(service.url, proposal, proposer);
      expect(service.seen).toHaveLength(1);
      expect(service.seen[0]).toMatchObject({ method: "POST", path: `/api/v1/safes/${safeAddress}/multisig-transactions/` });
      const body = JSON.parse(service.seen[0]!.body);
      expect(Object.keys(body).sort()).toEqual([
        "baseGas",
        "contractTransactionHash",
        "data",
        "gasPrice",
        "gasToken",
        "nonce",
        "operation",
        "origin",
        "refundReceiver",
        "safeTxGas",
        "sender",
        "signature",
        "to",
        "value",
      ]);
      expect(body).toMatchObject({ contractTransactionHash: onChain, sender: proposer.address, to: multiSend, operation: 1, nonce: 0 });
    } finally {
      await service.close();
    }

    // The owners (hardware wallets in real life; dev accounts 1 and 2 here, through the Signer interface) sign the typed data.
    const typed = safeTxTypedData(safeAddress, 31337, proposal.safeVersion, t);
    const sigs = [];
    for (const i of [2, 1]) {
      const owner = await createSigner({ devnet: i }, { env: {}, chainId: 31337, repoDir: "." });
      sigs.push({ owner: owner.address, signature: await owner.signTypedData(typed) });
    }
    const executor = new Wallet(devnet.accounts[6]!.privateKey, provider);
    const exec = await (safeC.connect(executor) as Contract).getFunction("execTransaction")(...safeTxArgs(t), packSignatures(sigs));
    const receipt = await exec.wait();
    expect(receipt.status).toBe(1);
    // ExecutionSuccess, not ExecutionFailure: the batch ran.
    expect(
      receipt.logs.some(
        (l: { topics: string[] }) =>
          l.topics[0] ===
          new Interface(["event ExecutionSuccess(bytes32 txHash, uint256 payment)"]).getEvent("ExecutionSuccess")!.topicHash,
      ),
    ).toBe(true);
    expect(await registryC.getFunction("owner")()).toBe(newOwner);
    expect(await safeC.getFunction("getThreshold")()).toBe(3n);
    expect(await safeC.getFunction("nonce")()).toBe(1n);

    const batch = transactionBuilderBatch(proposal, "w3o dev/local", 1_700_000_000_000);
    expect(batch).toMatchObject({ version: "1.0", chainId: "31337", meta: { createdFromSafeAddress: safeAddress } });
    expect(batch.transactions).toEqual([
      { to: registry, value: "0", data: proposal.calls[0]!.data },
      { to: safeAddress, value: "0", data: proposal.calls[1]!.data },
    ]);
  }, 120_000);

  it("apply writes the ownership change a Safe must make as its proposal, and once the owners execute it the change is on chain", async () => {
    const { dir, file, apply, registry } = await appliedWithSafeOwner(8);
    const safeC = new Contract(safeAddress, SAFE_ABI, provider);
    const [nonce, threshold] = [Number(await safeC.getFunction("nonce")()), Number(await safeC.getFunction("getThreshold")())];
    const deployer = devnet.accounts[8]!.address;
    const service = await localService(() => ({ status: 201, body: null }));
    await wantDeployerAsOwner(file, service.url, 1);
    try {
      const err = await apply().catch((e) => e);
      expect(err.name).toBe("OwnerNotSignerError");
      const proposalFile = `proposals/dev/local-${safeAddress}-nonce-${nonce}.json`;
      expect(err.message).toContain(`Safe ${safeAddress} on local: 1 call(s) proposed in ${proposalFile}`);
      expect(err.message).toContain("and in its Transaction Service queue");
      const proposal = JSON.parse(await readFile(path.join(dir, proposalFile), "utf8"));
      expect(proposal.calls).toMatchObject([{ to: registry, method: "transferOwnership(address)", args: { newOwner: deployer } }]);
      const t = proposal.tx;
      expect(t).toMatchObject({ to: registry, operation: 0, nonce });
      const onChain = await safeC.getFunction("getTransactionHash")(...safeTxArgs(t), t.nonce);
      expect(proposal.safeTxHash).toBe(onChain);
      expect(JSON.parse(service.seen[0]!.body)).toMatchObject({ contractTransactionHash: onChain, sender: devnet.accounts[1]!.address });
      const batch = JSON.parse(await readFile(path.join(dir, proposalFile.replace(".json", ".tx-builder.json")), "utf8"));
      expect(batch.transactions).toEqual([{ to: registry, value: "0", data: t.data }]);
      // Nothing was sent: Registry is still the Safe's.
      expect(await new Contract(registry, ownable, provider).getFunction("owner")()).toBe(safeAddress);

      // The owners sign what the file says and anyone executes it.
      const typed = safeTxTypedData(safeAddress, 31337, proposal.safeVersion, t);
      const sigs = [];
      for (const i of [1, 2, 3].slice(0, threshold)) {
        const owner = await createSigner({ devnet: i }, { env: {}, chainId: 31337, repoDir: "." });
        sigs.push({ owner: owner.address, signature: await owner.signTypedData(typed) });
      }
      const executor = new Wallet(devnet.accounts[6]!.privateKey, provider);
      await (await (safeC.connect(executor) as Contract).getFunction("execTransaction")(...safeTxArgs(t), packSignatures(sigs))).wait();

      // The next apply reads the chain: the change is there, and nothing is sent or proposed again. Known gap: the
      // record still names the Safe as owner, so plan calls Registry drifted (the chain changed outside apply)
      // rather than writing the executed proposal into the record; docs/keys.md says so.
      const again = await apply();
      expect(again.failed).toEqual([]);
      expect(await new Contract(registry, ownable, provider).getFunction("owner")()).toBe(deployer);
      expect(again.skipped).toEqual([expect.objectContaining({ contract: "Registry", action: "drift" })]);
      expect(service.seen).toHaveLength(1);
    } finally {
      await service.close();
    }
  }, 120_000);

  it("still refuses, and says so, when the Transaction Service turns the proposal down", async () => {
    const { file, apply } = await appliedWithSafeOwner(7);
    const service = await localService(() => ({ status: 422, body: { nonFieldErrors: ["Signer is not an owner or a delegate"] } }));
    try {
      await wantDeployerAsOwner(file, service.url, 9);
      const err = await apply().catch((e) => e);
      expect(err.name).toBe("OwnerNotSignerError");
      expect(err.message).toContain("cannot be changed by a signer of dev, so nothing was sent");
      expect(err.message).toContain("Safe proposal incomplete: the Safe Transaction Service refused the proposal (422)");
    } finally {
      await service.close();
    }
  }, 120_000);

  it("reports a proposer that is no account at the network's safe.proposer", async () => {
    const dir = await fixtureCopy();
    dirs.push(dir);
    const file = path.join(dir, "w3o.yaml");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("    confirmations: 0\n", "    confirmations: 0\n    safe: { proposer: nobody }\n"),
    );
    const { model, diagnostics } = await loadRepo(dir);
    expect(model).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "missing-reference", file: "w3o.yaml", line: 13, message: expect.stringContaining('"nobody"') }),
    ]);
  });

  it("refuses an owner that is not a Safe", async () => {
    await expect(
      buildSafeProposal(new Rpc(devnet.url), {
        safe: devnet.accounts[7]!.address,
        chainId: 31337,
        multiSendCallOnly: multiSend,
        calls: [],
      }),
    ).rejects.toThrow(/does not answer as a Safe/);
  });
});
