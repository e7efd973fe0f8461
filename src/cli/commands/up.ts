import path from "node:path";
import type { Command } from "commander";
import { ConfigError } from "../../config/diagnostics.js";
import { loadRepo } from "../../config/load.js";
import { MULTICALL3_ADDRESS, startDevnet } from "../../devnet/index.js";
import { out } from "../output.js";

/** The README's main command: the whole flow on a local devnet, with nothing to configure. */
export function register(program: Command): void {
  program
    .command("up")
    .description("Start a local devnet and run the whole flow on an infra repo's dev environment (default: examples/infra).")
    .argument("[dir]", "infra repo", "examples/infra")
    .option("--keep", "keep the devnet running afterwards, until Ctrl-C")
    .action(async (dir: string, opts: { keep?: boolean }) => {
      const step = (msg: string) => process.stdout.write(`${out.cyan("▸")} ${msg}\n`);
      step(`validating ${path.resolve(dir)}`);
      const { model, diagnostics } = await loadRepo(dir);
      if (!model) throw new ConfigError(diagnostics);
      const count = (o: object) => Object.keys(o).length;
      step(
        `valid: ${count(model.environments)} environments, ${count(model.networks)} networks, ${count(model.nodes)} nodes, ${count(model.contracts)} contracts`,
      );

      step("starting local devnet (anvil)");
      const devnet = await startDevnet({ port: 0 });
      try {
        step(`devnet on ${devnet.url}, chain id ${devnet.chainId}, Multicall3 at ${MULTICALL3_ADDRESS}`);
        if (opts.keep) {
          process.stdout.write(`export LOCAL_RPC_URL=${devnet.url}\nPress Ctrl-C to stop.\n`);
          await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
        }
      } finally {
        await devnet.stop();
      }
      step("devnet stopped");
    });
}
