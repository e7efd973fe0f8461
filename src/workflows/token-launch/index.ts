import { getAddress } from "ethers";
import type { z } from "zod";
import type { Diagnostic } from "../../config/diagnostics.js";
import { locate } from "../../config/model.js";
import { checksumProblems, refValue, seconds, tokens, units, unixTime } from "../common.js";
import { erc20Source, generatedUnit, vestingSource } from "../solidity.js";
import type { WorkflowInput, WorkflowKind, WorkflowSources, WorkflowTx, WorkflowValue } from "../types.js";
import { parseAllocations } from "./allocations.js";
import { tokenLaunch } from "./schema.js";

type TokenLaunch = z.infer<typeof tokenLaunch>;
type Input = WorkflowInput<TokenLaunch>;

const VESTING = "W3oVestingWallet";
const TRANSFER = "function transfer(address to, uint256 value) returns (bool)";
const TRANSFER_OWNERSHIP = "function transferOwnership(address newOwner)";

/** Transfers and vesting wallets in the order they go out: the CSV's rows, then the inline ones. */
function allocationsOf(i: Input) {
  const csv = i.workflow.allocations ? parseAllocations(i.workflow.allocations, i.files[i.workflow.allocations] ?? "") : undefined;
  const transfers: { to: string; amount: string }[] = [];
  const vestings: { beneficiary: string; amount: string; start: string; cliff: string; duration: string }[] = [];
  for (const r of csv?.rows ?? []) {
    if (r.vesting) vestings.push({ beneficiary: r.address, amount: r.amount, ...r.vesting });
    else transfers.push({ to: r.address, amount: r.amount });
  }
  transfers.push(...i.workflow.distribution);
  vestings.push(...i.workflow.vesting);
  return { transfers, vestings, diagnostics: csv?.diagnostics ?? [] };
}

function check(i: Input): Diagnostic[] {
  const w = i.workflow;
  const { transfers, vestings, diagnostics } = allocationsOf(i);
  const out = [...diagnostics];
  out.push(
    ...checksumProblems(i.model, i.name, [
      ...w.distribution.map((d, n): [string, (string | number)[]] => [d.to, ["distribution", n, "to"]]),
      ...w.vesting.map((v, n): [string, (string | number)[]] => [v.beneficiary, ["vesting", n, "beneficiary"]]),
      ...(w.owner ? [[w.owner, ["owner"]] as [string, (string | number)[]]] : []),
    ]),
  );
  for (const [n, v] of w.vesting.entries()) {
    if (seconds(v.cliff) > seconds(v.duration))
      out.push({
        ...locate(i.model, "workflows", i.name, ["vesting", n, "cliff"]),
        severity: "error",
        code: "vesting-cliff",
        message: `the cliff (${v.cliff}) is longer than the duration (${v.duration})`,
        hint: "A cliff ends within the vesting period: shorten it or lengthen the duration.",
      });
  }
  if (typeof w.token === "object") {
    const total = [...transfers, ...vestings].reduce((s, a) => s + units(a.amount), 0n);
    const supply = units(w.token.supply);
    if (total !== supply && !diagnostics.length) {
      const diff = supply - total;
      out.push({
        ...locate(i.model, "workflows", i.name, ["token", "supply"]),
        severity: "error",
        code: "allocation-total",
        message: `allocations total ${tokens(total)} ${w.token.symbol}, the supply is ${tokens(supply)}: ${diff > 0n ? `${tokens(diff)} would stay with the deployer` : `${tokens(-diff)} more than there is`}`,
        hint: `Make the allocations${w.allocations ? ` (${w.allocations} and the inline ones)` : ""} add up to the supply, or set supply: "${tokens(total)}".`,
      });
    }
    if (w.token.cap && units(w.token.cap) < supply)
      out.push({
        ...locate(i.model, "workflows", i.name, ["token", "cap"]),
        severity: "error",
        code: "token-cap",
        message: `the cap (${w.token.cap}) is below the supply (${w.token.supply})`,
        hint: "Raise the cap, or lower the supply.",
      });
  } else if (w.owner) {
    out.push({
      ...locate(i.model, "workflows", i.name, ["owner"]),
      severity: "error",
      code: "owner-of-contract",
      message: `owner: hands over a token the workflow deploys; ${w.token} is a contract of the repo`,
      hint: `Set owner: on contracts.${w.token} instead.`,
    });
  }
  return out;
}

function sources(i: Input): WorkflowSources {
  const w = i.workflow;
  const generated: Record<string, string> = {};
  const contracts: WorkflowSources["contracts"] = [];
  if (typeof w.token === "object") {
    const unit = generatedUnit(i.name, w.token.contract);
    generated[unit] = erc20Source({ ...w.token, capped: Boolean(w.token.cap) });
    contracts.push({ source: unit, contract: w.token.contract });
  }
  if (allocationsOf(i).vestings.length) {
    const unit = generatedUnit(i.name, VESTING);
    generated[unit] = vestingSource(VESTING);
    contracts.push({ source: unit, contract: VESTING });
  }
  return { generated, contracts };
}

function plan(i: Input): WorkflowTx[] {
  const w = i.workflow;
  const { transfers, vestings } = allocationsOf(i);
  const txs: WorkflowTx[] = [];
  const generated = typeof w.token === "object" ? w.token : undefined;
  const tokenName = generated ? generated.contract : (w.token as string);
  const token = generated ? { $tx: "token" } : { $ref: `contracts.${tokenName}` as const };
  const tokenAfter = generated ? ["token"] : [];
  if (generated) {
    const args: WorkflowValue[] = [generated.name, generated.symbol, units(generated.supply).toString()];
    if (generated.cap) args.push(units(generated.cap).toString());
    const options: string[] = (["burnable", "permit", "votes", "mintable"] as const).filter((k) => generated[k]);
    if (generated.cap) options.unshift("capped");
    txs.push({
      id: "token",
      kind: "deploy",
      source: generatedUnit(i.name, generated.contract),
      contract: generated.contract,
      label: generated.contract,
      args,
      after: [],
      summary: `deploy ${generated.contract} (ERC-20${options.length ? ` ${options.join(", ")}` : ""}), minting ${generated.supply} ${generated.symbol} to ${w.from}`,
    });
  }
  for (const t of transfers) {
    const to = refValue(t.to);
    txs.push({
      id: `transfer:${keyOf(t.to)}`,
      kind: "call",
      target: token,
      targetLabel: tokenName,
      signature: TRANSFER,
      args: [to, units(t.amount).toString()],
      after: tokenAfter,
      summary: `transfer ${t.amount} to ${t.to}`,
      effects: [{ token: tokenName, holder: to, delta: units(t.amount).toString() }],
    });
  }
  for (const v of vestings) {
    const key = keyOf(v.beneficiary);
    const id = `vesting:${key}`;
    txs.push({
      id,
      kind: "deploy",
      source: generatedUnit(i.name, VESTING),
      contract: VESTING,
      label: `vesting for ${v.beneficiary}`,
      args: [refValue(v.beneficiary), unixTime(v.start), seconds(v.duration), seconds(v.cliff)],
      after: [],
      summary: `deploy a VestingWallet for ${v.beneficiary}: from ${v.start}, cliff ${v.cliff}, fully vested after ${v.duration}`,
    });
    txs.push({
      id: `fund:${key}`,
      kind: "call",
      target: token,
      targetLabel: tokenName,
      signature: TRANSFER,
      args: [{ $tx: id }, units(v.amount).toString()],
      after: [...tokenAfter, id],
      summary: `transfer ${v.amount} into the vesting wallet of ${v.beneficiary}`,
      effects: [{ token: tokenName, holder: { $tx: id }, delta: units(v.amount).toString() }],
    });
  }
  if (generated && w.owner) {
    txs.push({
      id: "owner",
      kind: "call",
      target: token,
      targetLabel: tokenName,
      signature: TRANSFER_OWNERSHIP,
      args: [refValue(w.owner)],
      // Last: a new owner could mint or pause before the distribution ends otherwise.
      after: txs.map((t) => t.id),
      summary: `hand ownership of ${tokenName} to ${w.owner}`,
    });
  }
  return txs;
}

const keyOf = (v: string) => (v.startsWith("0x") ? getAddress(v) : v.slice(2, -1));

export const tokenLaunchKind: WorkflowKind<typeof tokenLaunch> = {
  kind: "token-launch",
  schema: tokenLaunch,
  files: (w) => (w.allocations ? [w.allocations] : []),
  check,
  sources,
  plan,
};
