import { DEVNET_CHAIN_IDS } from "../../config/model.js";
import { fail, hexNumber as num, ok, warn } from "../probe.js";
import type { NodeProbe, ProbeCheck } from "../types.js";
import type { RpcResult } from "./rpc.js";

/** Blocks older than this mean the node is stuck or still far behind. */
export const MAX_HEAD_AGE_SECONDS = 600;

/** EVM: right chain id, synced or syncing, peers, latest block age — one batch. */
export const probeEvm: NodeProbe = async (rpc, network, now) => {
  const [chainId, syncing, peers, latest] = await rpc.send([
    { method: "eth_chainId", params: [] },
    { method: "eth_syncing", params: [] },
    { method: "net_peerCount", params: [] },
    { method: "eth_getBlockByNumber", params: ["latest", false] },
  ]);
  const checks: ProbeCheck[] = [ok("rpc", "answers JSON-RPC")];
  const id = num(chainId?.result);
  const chainOk = id === network.chainId;
  checks.push(
    chainOk ? ok("chain", `chain id ${id}`) : fail("chain", `chain id ${Number.isNaN(id) ? "unknown" : id}, expected ${network.chainId}`),
  );
  checks.push(syncState(syncing));
  const devnet = network.chainId !== undefined && DEVNET_CHAIN_IDS.has(network.chainId);
  if (peers?.error) checks.push(warn("peers", `net_peerCount unavailable: ${peers.error.message}`));
  else {
    const n = num(peers?.result);
    // A devnet has no peers by design.
    checks.push(n > 0 || devnet ? ok("peers", `${n} peers`) : fail("peers", "no peers"));
  }
  const block = latest?.result as { number?: string; timestamp?: string } | undefined;
  let headAgeSeconds: number | undefined;
  if (!block?.timestamp) checks.push(fail("head", "latest block unavailable"));
  else {
    headAgeSeconds = Math.max(0, Math.round(now / 1000 - num(block.timestamp)));
    const msg = `block ${num(block.number)}, ${headAgeSeconds}s old`;
    // Devnets mine on demand: an old head is normal there.
    checks.push(
      headAgeSeconds <= MAX_HEAD_AGE_SECONDS || devnet ? ok("head", msg) : fail("head", `${msg} (more than ${MAX_HEAD_AGE_SECONDS}s)`),
    );
  }
  return { checks, chainOk, headAgeSeconds };
};

function syncState(o: RpcResult | undefined): ProbeCheck {
  if (!o || o.error) return fail("sync", `eth_syncing failed: ${o?.error?.message ?? "no answer"}`);
  if (o.result === false) return ok("sync", "synced");
  const s = o.result as { currentBlock?: string; highestBlock?: string };
  return warn("sync", `syncing: block ${num(s.currentBlock)} of ${num(s.highestBlock)}`);
}
