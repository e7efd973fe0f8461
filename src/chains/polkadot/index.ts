import type { ChainDefinition } from "../types.js";
import { probePolkadot } from "./probe.js";
import { renderPolkadotNode } from "./render.js";
import { polkadotNode } from "./schema.js";

export const polkadot: ChainDefinition = {
  id: "polkadot",
  displayName: "Polkadot",
  evm: false,
  identifiedBy: "genesisHash",
  nodeSchema: polkadotNode,
  renderNode: renderPolkadotNode,
  ports: { rpc: 9944, legacyRpc: 9933, p2p: 30333, metrics: 9615 },
  testnets: {},
  probe: probePolkadot,
};
