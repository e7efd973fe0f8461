import { genesisAndHealth, ok, warn } from "../probe.js";
import type { NodeProbe } from "../types.js";

/** Solana: genesis hash, getHealth (errors with the slot distance while behind). */
export const probeSolana: NodeProbe = async (rpc, network) => {
  const [genesis, health] = await rpc.send([
    { method: "getGenesisHash", params: [] },
    { method: "getHealth", params: [] },
  ]);
  return genesisAndHealth(genesis, network, () => [
    health?.result === "ok" ? ok("sync", "healthy") : warn("sync", `behind: ${health?.error?.message ?? "unknown"}`),
  ]);
};
