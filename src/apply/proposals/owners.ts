import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Interface } from "ethers";
import { Rpc } from "../../chains/evm/client.js";
import { isProdEnvironment, type Model } from "../../config/model.js";
import { rpcUrl, signerSpecOf } from "../../plan/run.js";
import type { AddressOrRef, Plan, PlanStep } from "../../plan/types.js";
import type { OpenSigner } from "../index.js";
import { buildSafeProposal, type ProposedCall, proposeToService, SafeProposalError, transactionBuilderBatch } from "./safe.js";

const ownable = new Interface(["function transferOwnership(address newOwner)"]);

/** What apply wrote for one Safe: the proposal (hash, decoded calls) and the Transaction Builder batch beside it. */
export type WrittenProposal = { network: string; safe: string; file: string; batchFile: string; calls: number; proposed: boolean };

/** The owner calls of a step whose calldata is known without deploying anything: ownership and ProxyAdmin transfers. */
function ownerCalls(step: PlanStep, resolve: (v: AddressOrRef) => string | undefined): { owner: string; call: ProposedCall }[] {
  const out: { owner: string; call: ProposedCall }[] = [];
  for (const ch of step.changes ?? []) {
    if (ch.kind !== "transfer-ownership" && ch.kind !== "transfer-proxy-admin") continue;
    const to = resolve(ch.to);
    const target = ch.kind === "transfer-ownership" ? step.recorded?.address : ch.proxyAdmin;
    if (!ch.from || !to || !target) continue;
    const what = ch.kind === "transfer-ownership" ? `ownership of ${step.contract}` : `the ProxyAdmin of ${step.contract}`;
    out.push({
      owner: ch.from,
      call: { to: target, data: ownable.encodeFunctionData("transferOwnership", [to]), description: `transfer ${what} to ${to}` },
    });
  }
  return out;
}

/**
 * For steps whose changes must come from an owner w3o cannot sign for: when that owner is a Safe, writes
 * what the Safe must execute as a proposal under proposals/<env>/ (the SafeTx, its EIP-712 hash for the
 * Safe's version and nonce, each call decoded) and as a Transaction Builder batch, and proposes it to the
 * network's Safe Transaction Service when one is configured. Owners that are not Safes (an EOA, a
 * timelock) get nothing here. Upgrades are not proposed: their new implementation is not deployed yet.
 */
export async function writeSafeProposals(
  model: Model,
  envName: string,
  plan: Plan,
  accounts: Record<string, string>,
  o: { vars: Record<string, string | undefined>; open: OpenSigner; now?: () => number },
): Promise<WrittenProposal[]> {
  const written: WrittenProposal[] = [];
  for (const net of plan.networks) {
    const network = model.networks[net.name];
    const owned = net.steps.filter((s) => s.needsOwner?.length);
    if (!network || !owned.length) continue;
    const resolve = (v: AddressOrRef) => {
      if (typeof v === "string") return v;
      const [kind, name] = v.$ref.split(".") as ["contracts" | "accounts", string];
      return kind === "accounts" ? accounts[name] : net.steps.find((s) => s.contract === name)?.recorded?.address;
    };
    const byOwner = new Map<string, ProposedCall[]>();
    for (const step of owned) {
      const needed = new Set(step.needsOwner?.map((n) => n.address.toLowerCase()));
      for (const { owner, call } of ownerCalls(step, resolve)) {
        if (!needed.has(owner.toLowerCase())) continue;
        byOwner.set(owner.toLowerCase(), [...(byOwner.get(owner.toLowerCase()) ?? []), call]);
      }
    }
    if (!byOwner.size) continue;
    const rpc = new Rpc(rpcUrl(net.name, network, o.vars), { batchLimit: network.rpc.batchLimit, label: `network "${net.name}"` });
    const settings = network.safe ?? { multiSendCallOnly: "0x9641d764fc13c8B624c04430C7356C1C7C8102e2" };
    for (const [owner, calls] of byOwner) {
      const proposal = await buildSafeProposal(rpc, {
        safe: owner,
        chainId: net.chainId,
        calls,
        multiSendCallOnly: settings.multiSendCallOnly,
        abi: ownable,
      }).catch((e: unknown) => {
        if (e instanceof SafeProposalError) return undefined; // not a Safe: the refusal says what to do
        throw e;
      });
      if (!proposal) continue;
      const dir = path.join(model.dir, "proposals", envName);
      const base = `${net.name}-${proposal.safe}-nonce-${proposal.tx.nonce}`;
      const file = path.join(dir, `${base}.json`);
      const batchFile = path.join(dir, `${base}.tx-builder.json`);
      await mkdir(dir, { recursive: true });
      await writeFile(file, `${JSON.stringify(proposal, null, 2)}\n`);
      const batch = transactionBuilderBatch(proposal, `w3o ${envName}/${net.name}`, (o.now ?? Date.now)());
      await writeFile(batchFile, `${JSON.stringify(batch, null, 2)}\n`);
      let proposed = false;
      if (settings.txService && settings.proposer) {
        const spec = signerSpecOf(model, envName, settings.proposer);
        if (!spec)
          throw new SafeProposalError(`networks.${net.name}.safe.proposer: account "${settings.proposer}" has no signer in ${envName}`);
        const environment = { name: envName, production: isProdEnvironment(model, envName) };
        const ctx = { env: o.vars, chainId: net.chainId, repoDir: model.dir, account: settings.proposer, environment };
        await proposeToService(settings.txService, proposal, await o.open(spec, ctx));
        proposed = true;
      }
      written.push({
        network: net.name,
        safe: proposal.safe,
        file: path.relative(model.dir, file),
        batchFile: path.relative(model.dir, batchFile),
        calls: calls.length,
        proposed,
      });
    }
  }
  return written;
}
