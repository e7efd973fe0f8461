import { probeEvm } from "../evm/probe.js";
import type { ChainDefinition } from "../types.js";

/** An EVM L2: a network to deploy contracts to. w3o does not run its sequencer or nodes. */
export const arbitrum: ChainDefinition = {
  id: "arbitrum",
  displayName: "Arbitrum",
  evm: true,
  identifiedBy: "chainId",
  ports: { rpc: 8545 },
  testnets: { "arbitrum-sepolia": 421614 },
  probe: probeEvm,
};
