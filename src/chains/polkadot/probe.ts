import { fail, genesisAndHealth, ok, warn } from "../probe.js";
import type { NodeProbe } from "../types.js";

/** Substrate: genesis hash, system_health. */
export const probePolkadot: NodeProbe = async (rpc, network) => {
  const [genesis, health] = await rpc.send([
    { method: "chain_getBlockHash", params: [0] },
    { method: "system_health", params: [] },
  ]);
  return genesisAndHealth(genesis, network, () => {
    const h = health?.result as { peers?: number; isSyncing?: boolean } | undefined;
    if (!h) return [fail("sync", `system_health failed: ${health?.error?.message ?? "no answer"}`)];
    return [
      h.isSyncing ? warn("sync", "syncing") : ok("sync", "synced"),
      (h.peers ?? 0) > 0 ? ok("peers", `${h.peers} peers`) : fail("peers", "no peers"),
    ];
  });
};
