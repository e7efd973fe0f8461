import type { Rpc } from "../chains/evm/client.js";
import { BaseError } from "../errors/index.js";

export class ForeignPendingTxError extends BaseError {
  override name = "ForeignPendingTxError";
}

/**
 * Hands out nonces per sender. Synced once with the chain at start: `pending` above `latest`
 * means txs wait in the mempool; they must all be ours (journaled, being resumed), otherwise
 * someone else is sending from this account and any nonce we pick could replace their tx.
 */
export class NonceManager {
  private readonly next = new Map<string, number>();

  static async sync(rpc: Rpc, senders: string[], ours: Map<string, Set<number>>): Promise<NonceManager> {
    const m = new NonceManager();
    const calls = senders.flatMap((a) => [
      { method: "eth_getTransactionCount", params: [a, "latest"] },
      { method: "eth_getTransactionCount", params: [a, "pending"] },
    ]);
    const res = await rpc.batch<string>(calls);
    senders.forEach((addr, i) => {
      const latest = res[2 * i];
      const pending = res[2 * i + 1];
      const bad = [latest, pending].find((r) => !r?.ok);
      if (bad && !bad.ok)
        throw new BaseError(`cannot read the nonce of ${addr}: ${bad.error.message}`, { details: `code ${bad.error.code}` });
      if (!latest?.ok || !pending?.ok) throw new BaseError(`cannot read the nonce of ${addr}: no answer`);
      const l = Number(BigInt(latest.result));
      const p = Number(BigInt(pending.result));
      const mine = ours.get(addr.toLowerCase()) ?? new Set<number>();
      const foreign: number[] = [];
      for (let n = l; n < p; n++) if (!mine.has(n)) foreign.push(n);
      if (foreign.length) {
        throw new ForeignPendingTxError(`${addr} has ${foreign.length} pending transaction(s) that this apply did not send`, {
          metaMessages: [`Nonces ${foreign.join(", ")} are pending in the mempool (latest nonce ${l}, pending ${p}).`],
          hint: "Someone else is sending from this account. Wait for those transactions to be mined (or replace them), then apply again.",
        });
      }
      const highestOurs = Math.max(-1, ...[...mine]);
      m.next.set(addr.toLowerCase(), Math.max(p, highestOurs + 1));
    });
    return m;
  }

  peek(addr: string): number {
    const n = this.next.get(addr.toLowerCase());
    if (n === undefined) throw new BaseError(`no nonce synced for ${addr}`);
    return n;
  }

  take(addr: string): number {
    const n = this.peek(addr);
    this.next.set(addr.toLowerCase(), n + 1);
    return n;
  }
}
