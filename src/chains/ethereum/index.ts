import { probeEvm } from "../evm/probe.js";
import type { ChainDefinition } from "../types.js";
import { renderEthereumNode } from "./render.js";
import { ethereumNode } from "./schema.js";

export const ethereum: ChainDefinition = {
  id: "ethereum",
  displayName: "Ethereum",
  evm: true,
  identifiedBy: "chainId",
  nodeSchema: ethereumNode,
  renderNode: renderEthereumNode,
  ports: { rpc: 8545, ws: 8546, engine: 8551, p2p: 30303, consensusP2p: 9000, beaconApi: 5052, metrics: 6060 },
  testnets: { sepolia: 11155111, holesky: 17000, hoodi: 560048 },
  probe: probeEvm,
};
