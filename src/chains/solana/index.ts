import type { ChainDefinition } from "../types.js";
import { probeSolana } from "./probe.js";
import { renderSolanaNode } from "./render.js";
import { solanaNode } from "./schema.js";

export const solana: ChainDefinition = {
  id: "solana",
  displayName: "Solana",
  evm: false,
  identifiedBy: "genesisHash",
  nodeSchema: solanaNode,
  renderNode: renderSolanaNode,
  ports: { rpc: 8899, ws: 8900, gossip: 8001 },
  testnets: {},
  probe: probeSolana,
};
