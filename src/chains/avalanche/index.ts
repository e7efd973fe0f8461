import type { ChainDefinition } from "../types.js";
import { avalancheNode } from "./schema.js";

export const avalanche: ChainDefinition = {
  id: "avalanche",
  displayName: "Avalanche",
  evm: true,
  identifiedBy: "chainId",
  nodeSchema: avalancheNode,
  ports: { rpc: 9650, p2p: 9651 },
};
