import { probeEvm } from "../evm/probe.js";
import type { ChainDefinition } from "../types.js";

/** An EVM L2: a network to deploy contracts to. w3o does not run its sequencer or nodes. */
export const base: ChainDefinition = {
  id: "base",
  displayName: "Base",
  evm: true,
  identifiedBy: "chainId",
  ports: { rpc: 8545 },
  testnets: { "base-sepolia": 84532 },
  probe: probeEvm,
};
