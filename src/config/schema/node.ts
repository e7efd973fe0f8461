import { z } from "zod";
import { avalancheNode } from "../../chains/avalanche/schema.js";
import { ethereumNode } from "../../chains/ethereum/schema.js";
import { polkadotNode } from "../../chains/polkadot/schema.js";
import { solanaNode } from "../../chains/solana/schema.js";

/** A node, discriminated by `chain`; each chain's folder owns its own shape. */
export const node = z.discriminatedUnion("chain", [ethereumNode, avalancheNode, polkadotNode, solanaNode]);
