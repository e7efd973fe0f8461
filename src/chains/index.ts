import { arbitrum } from "./arbitrum/index.js";
import { avalanche } from "./avalanche/index.js";
import { base } from "./base/index.js";
import { ethereum } from "./ethereum/index.js";
import { optimism } from "./optimism/index.js";
import { polkadot } from "./polkadot/index.js";
import { solana } from "./solana/index.js";
import type { ChainDefinition } from "./types.js";

/** The chain registry: adding a chain is adding a folder and a line here. */
export const chains = { ethereum, arbitrum, optimism, base, avalanche, polkadot, solana } satisfies Record<string, ChainDefinition>;

export type ChainId = keyof typeof chains;
export const chainIds = Object.keys(chains) as [ChainId, ...ChainId[]];
export type { ChainDefinition } from "./types.js";
