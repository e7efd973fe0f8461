import { probeEvm } from "../evm/probe.js";
import type { ChainDefinition } from "../types.js";
import { renderAvalancheNode } from "./render.js";
import { avalancheNode } from "./schema.js";

export const avalanche: ChainDefinition = {
  id: "avalanche",
  displayName: "Avalanche",
  evm: true,
  identifiedBy: "chainId",
  nodeSchema: avalancheNode,
  renderNode: renderAvalancheNode,
  ports: { rpc: 9650, p2p: 9651 },
  testnets: { fuji: 43113 },
  probe: probeEvm,
};
