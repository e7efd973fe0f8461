import type { Network } from "../config/model.js";
import { DEVNET_CHAIN_IDS } from "../config/model.js";
import { type RpcOutcome, rpcBatch } from "./rpc.js";
import type { Check } from "./types.js";

/** Blocks older than this mean the node is stuck or still far behind. */
export const MAX_HEAD_AGE_SECONDS = 600;

const ok = (check: string, message: string): Check => ({ check, status: "ok", message });
const fail = (check: string, message: string): Check => ({ check, status: "fail", message });
const warn = (check: string, message: string): Check => ({ check, status: "warn", message });
const num = (hex: unknown) => (typeof hex === "string" ? Number.parseInt(hex, 16) : Number.NaN);

export type NetworkState = { checks: Check[]; chainOk: boolean; headAgeSeconds?: number };

/** EVM: right chain id, synced or syncing, peers, latest block age — one batch. */
export async function checkEvm(url: string, network: Network, now: number): Promise<NetworkState> {
  const [chainId, syncing, peers, latest] = await rpcBatch(
    url,
    [
      { method: "eth_chainId" },
      { method: "eth_syncing" },
      { method: "net_peerCount" },
      { method: "eth_getBlockByNumber", params: ["latest", false] },
    ],
    { batchLimit: network.rpc.batchLimit },
  );
  const checks: Check[] = [ok("rpc", "answers JSON-RPC")];
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
}

function syncState(o: RpcOutcome | undefined): Check {
  if (!o || o.error) return fail("sync", `eth_syncing failed: ${o?.error?.message ?? "no answer"}`);
  if (o.result === false) return ok("sync", "synced");
  const s = o.result as { currentBlock?: string; highestBlock?: string };
  return warn("sync", `syncing: block ${num(s.currentBlock)} of ${num(s.highestBlock)}`);
}

/** Polkadot (Substrate): genesis hash, system_health. */
export async function checkSubstrate(url: string, network: Network): Promise<NetworkState> {
  const [genesis, health] = await rpcBatch(url, [{ method: "chain_getBlockHash", params: [0] }, { method: "system_health" }]);
  return genesisAndHealth(genesis, network, () => {
    const h = health?.result as { peers?: number; isSyncing?: boolean } | undefined;
    if (!h) return [fail("sync", `system_health failed: ${health?.error?.message ?? "no answer"}`)];
    return [
      h.isSyncing ? warn("sync", "syncing") : ok("sync", "synced"),
      (h.peers ?? 0) > 0 ? ok("peers", `${h.peers} peers`) : fail("peers", "no peers"),
    ];
  });
}

/** Solana: genesis hash, getHealth (errors with the slot distance while behind). */
export async function checkSolana(url: string, network: Network): Promise<NetworkState> {
  const [genesis, health] = await rpcBatch(url, [{ method: "getGenesisHash" }, { method: "getHealth" }]);
  return genesisAndHealth(genesis, network, () => [
    health?.result === "ok" ? ok("sync", "healthy") : warn("sync", `behind: ${health?.error?.message ?? "unknown"}`),
  ]);
}

function genesisAndHealth(genesis: RpcOutcome | undefined, network: Network, health: () => Check[]): NetworkState {
  const checks: Check[] = [ok("rpc", "answers JSON-RPC")];
  const got = typeof genesis?.result === "string" ? genesis.result : undefined;
  const chainOk = !!got && !!network.genesisHash && got.toLowerCase() === network.genesisHash.toLowerCase();
  checks.push(
    chainOk
      ? ok("chain", `genesis ${got}`)
      : fail("chain", `genesis ${got ?? "unknown"}, expected ${network.genesisHash ?? "(genesisHash not set)"}`),
  );
  checks.push(...health());
  return { checks, chainOk };
}
