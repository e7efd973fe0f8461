import { type Anvil, type StartAnvilOptions, startAnvil } from "./anvil.js";
import { installMulticall3 } from "./multicall3.js";

export { MULTICALL3_ADDRESS } from "../chains/evm/multicall.js";
export { ANVIL_MNEMONIC, type Anvil, type DevAccount, devAccounts, startAnvil } from "./anvil.js";
export { installMulticall3 } from "./multicall3.js";

/** A local devnet: a real anvil node with Multicall3 at its canonical address. */
export async function startDevnet(opts: StartAnvilOptions = {}): Promise<Anvil> {
  const anvil = await startAnvil(opts);
  try {
    await installMulticall3(anvil.url);
  } catch (err) {
    await anvil.stop();
    throw err;
  }
  return anvil;
}
