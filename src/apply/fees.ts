import { parseUnits } from "ethers";
import type { Rpc } from "../chains/evm/client.js";

export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
export type GasPolicy = { maxFeeGwei?: number; priorityFeeGwei?: number; bumpPercent: number; stuckAfterMs: number };

export const gwei = (n: number) => parseUnits(String(n), "gwei");

/** EIP-1559 fees for the next txs: twice the base fee (survives ~6 full blocks) plus the tip, capped. */
export async function initialFees(rpc: Rpc, policy: GasPolicy): Promise<Fees> {
  const [block, tip] = await rpc.batch<unknown>([
    { method: "eth_getBlockByNumber", params: ["latest", false] },
    { method: "eth_maxPriorityFeePerGas", params: [] },
  ]);
  const baseFee = block?.ok ? BigInt((block.result as { baseFeePerGas?: string }).baseFeePerGas ?? "0x0") : 0n;
  const suggestedTip = tip?.ok ? BigInt(tip.result as string) : gwei(1);
  const maxPriorityFeePerGas = policy.priorityFeeGwei !== undefined ? gwei(policy.priorityFeeGwei) : suggestedTip;
  let maxFeePerGas = baseFee * 2n + maxPriorityFeePerGas;
  if (policy.maxFeeGwei !== undefined && maxFeePerGas > gwei(policy.maxFeeGwei)) maxFeePerGas = gwei(policy.maxFeeGwei);
  return { maxFeePerGas, maxPriorityFeePerGas: min(maxPriorityFeePerGas, maxFeePerGas) };
}

/**
 * Fees for a replacement tx. Nodes accept a replacement only if BOTH fees rise by their minimum
 * (10% in geth), so both are bumped by at least max(10, bumpPercent) percent, rounded up. Returns
 * undefined when the cap does not allow a valid bump: the tx then waits, it is never underpriced.
 */
export function bumpFees(fees: Fees, bumpPercent: number, maxFeeGwei?: number): Fees | undefined {
  const pct = BigInt(Math.max(10, bumpPercent));
  const up = (v: bigint) => (v * (100n + pct) + 99n) / 100n + (v === 0n ? 1n : 0n);
  const next = { maxFeePerGas: up(fees.maxFeePerGas), maxPriorityFeePerGas: up(fees.maxPriorityFeePerGas) };
  if (maxFeeGwei !== undefined && next.maxFeePerGas > gwei(maxFeeGwei)) return undefined;
  return next;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** "60s", "90s", "500ms", "2m" → milliseconds. */
export function parseDuration(text: string): number {
  const m = text.match(/^(\d+)(ms|s|m)$/);
  if (!m) return 60_000;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as "ms" | "s" | "m"];
}
