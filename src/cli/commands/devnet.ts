import type { Command } from "commander";
import { out, printJson } from "../output.js";

export function register(program: Command): void {
  program
    .command("devnet")
    .description("Start a local EVM devnet (anvil) with Multicall3, print its URL and dev accounts, and run until Ctrl-C.")
    .option("-p, --port <port>", "port to listen on", "8545")
    .option("--chain-id <id>", "chain id", "31337")
    .option("--block-time <seconds>", "mine a block every N seconds instead of on each transaction")
    .option("--json", "print the URL and accounts as JSON")
    .action(async (opts: { port: string; chainId: string; blockTime?: string; json?: boolean }) => {
      const { MULTICALL3_ADDRESS, startDevnet } = await import("../../devnet/index.js");
      const devnet = await startDevnet({
        port: Number(opts.port),
        chainId: Number(opts.chainId),
        blockTime: opts.blockTime === undefined ? undefined : Number(opts.blockTime),
      });
      const info = { url: devnet.url, chainId: devnet.chainId, multicall3: MULTICALL3_ADDRESS, accounts: devnet.accounts };
      if (opts.json) printJson(info);
      else {
        process.stdout.write(`${out.green("devnet")} listening on ${out.bold(devnet.url)} (chain id ${devnet.chainId})\n`);
        process.stdout.write(
          `Multicall3 at ${MULTICALL3_ADDRESS}\n\nDev accounts (public keys of anvil's test mnemonic — never use them elsewhere):\n`,
        );
        for (const [i, a] of devnet.accounts.entries()) process.stdout.write(`  (${i}) ${a.address}  ${out.dim(a.privateKey)}\n`);
        process.stdout.write(`\nexport LOCAL_RPC_URL=${devnet.url}\nPress Ctrl-C to stop.\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => void devnet.stop().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        devnet.process.once("exit", () => resolve());
      });
    });
}
