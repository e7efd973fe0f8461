import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { ConfigError } from "../../config/diagnostics.js";
import { DEVNET_CHAIN_IDS, type Model } from "../../config/model.js";
import { redact } from "../../errors/index.js";
import { UsageError } from "../exitCodes.js";
import { catchInterrupts, signalExitCode } from "../interrupt.js";
import { err, out } from "../output.js";

/** The environment `up` deploys: "dev" if it exists, else the first whose networks are all local devnets. */
function devEnvironment(model: Model): string {
  const local = (env: string) => model.environments[env]!.networks.every((n) => DEVNET_CHAIN_IDS.has(model.networks[n]?.chainId ?? -1));
  const name = model.environments.dev && local("dev") ? "dev" : Object.keys(model.environments).find(local);
  if (!name)
    throw new UsageError("no environment deploys only to a local devnet (chain id 31337 or 1337)", {
      hint: "Add one, e.g. dev: { networks: [local] }.",
    });
  return name;
}

/**
 * The README's main command: the whole flow on a local devnet, with nothing to configure.
 * It works on a temporary copy of the repo: records and the state database written by a
 * throw-away devnet must not land in the repo (they would describe contracts that vanish
 * with the devnet, and the next plan would report them all as drifted).
 */
export function register(program: Command): void {
  program
    .command("up")
    .description("Start a local devnet, then validate, plan and apply an infra repo's dev environment on it.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .option("--keep", "keep the devnet running afterwards, until Ctrl-C")
    .action(async (dir: string, opts: { keep?: boolean }) => {
      const [
        { applyEnvironment },
        { loadModel, loadRepo },
        { MULTICALL3_ADDRESS, startDevnet },
        { renderPlan },
        state,
        { fileRecordSink },
        { crashHook },
      ] = await Promise.all([
        import("../../apply/index.js"),
        import("../../config/load.js"),
        import("../../devnet/index.js"),
        import("../../report/plan.js"),
        import("../../state/db.js"),
        import("../../state/records.js"),
        import("../crashHook.js"),
      ]);
      const step = (msg: string) => process.stdout.write(`${out.cyan("▸")} ${msg}\n`);
      step(`validating ${path.resolve(dir)}`);
      const { model: original, diagnostics } = await loadRepo(dir);
      if (!original) throw new ConfigError(diagnostics);
      const count = (o: object) => Object.keys(o).length;
      step(
        `valid: ${count(original.environments)} environments, ${count(original.networks)} networks, ${count(original.nodes)} nodes, ${count(original.contracts)} contracts`,
      );
      const envName = devEnvironment(original);
      const networks = original.environments[envName]!.networks;
      const chainId = original.networks[networks[0]!]?.chainId ?? 31337;

      step("starting local devnet (anvil)");
      const devnet = await startDevnet({ port: 0, chainId });
      const work = await mkdtemp(path.join(os.tmpdir(), "w3o-up-"));
      try {
        step(`devnet on ${devnet.url}, chain id ${devnet.chainId}, Multicall3 at ${MULTICALL3_ADDRESS}`);
        // Records and state of an earlier devnet describe contracts that no longer exist: leave them out.
        const skip = new Set([".w3o", "deployments", "node_modules", ".git"]);
        await cp(original.dir, work, {
          recursive: true,
          filter: (src) =>
            !path
              .relative(original.dir, src)
              .split(path.sep)
              .some((s) => skip.has(s)),
        });
        const model = await loadModel(work);
        const vars: Record<string, string | undefined> = { ...process.env };
        for (const n of networks) vars[model.networks[n]!.rpc.env] = devnet.url;
        step(`planning and applying environment "${envName}" (${networks.join(", ")}) on a copy in ${work}`);
        const store = await state.openState(state.defaultStatePath(model.dir));
        const interrupts = catchInterrupts((l) => process.stderr.write(`\n${err.yellow("!")} ${l}\n`));
        const result = await applyEnvironment(model, envName, {
          vars,
          store,
          records: fileRecordSink(model.dir),
          onJournaled: crashHook(process.env.W3O_TEST_CRASH_AT),
          signal: interrupts.signal,
          // The devnet and the copy go with this run: finishing it means running up again.
          finishCommand: `w3o up ${dir}`,
          command: `w3o up ${dir}`,
          onEvent: (e) => {
            if (e.type === "plan") process.stdout.write(`\n${renderPlan(e.plan, out)}\n`);
            else if (e.type === "op-failed") process.stdout.write(`  ${out.red("✖")} ${e.op}: ${e.message}\n`);
            else if (e.type === "verified" && e.problems.length)
              process.stdout.write(`  ${out.red("✖")} ${e.contract}: ${e.problems.join("; ")}\n`);
          },
        })
          .catch((e: unknown) => {
            const sig = interrupts.received();
            // A Ctrl-C on a terminal reaches anvil too: whatever failed then, the user asked to stop.
            if (!sig) throw e;
            process.stderr.write(`${err.red("error:")} ${redact(e instanceof Error ? e.message : String(e))}\n`);
            process.exitCode = signalExitCode(sig);
            return undefined;
          })
          .finally(() => {
            interrupts.dispose();
            return store.close();
          });
        if (!result) return;
        for (const n of result.networks) {
          step(`deployed on ${n.network} (verified: code, proxies, owners, expectations):`);
          for (const [name, c] of Object.entries(n.record.contracts)) {
            const impl = c.proxy ? out.dim(`  (${c.proxy.kind} proxy → ${c.proxy.implementation.address})`) : "";
            process.stdout.write(`    ${name.padEnd(16)} ${c.address}${impl}\n`);
          }
        }
        if (result.failed.length) {
          for (const f of result.failed) process.stdout.write(`${out.red("✖")} ${f}\n`);
          process.exitCode = 1;
        }
        if (opts.keep) {
          process.stdout.write(`\nexport LOCAL_RPC_URL=${devnet.url}\nPress Ctrl-C to stop.\n`);
          await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
        }
      } finally {
        await devnet.stop();
        await rm(work, { recursive: true, force: true });
      }
      step("devnet stopped");
    });
}
