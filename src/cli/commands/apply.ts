import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { redact } from "../../errors/index.js";
import type { Plan } from "../../plan/types.js";
import { EXIT, UsageError } from "../exitCodes.js";
import { catchInterrupts, signalExitCode } from "../interrupt.js";
import { err, out } from "../output.js";
import { STATE_OPTION_HELP } from "../stateOption.js";

type Opts = { env: string; plan?: string; yes?: boolean; json?: boolean; state?: string; redeploy?: string; maxInFlight?: string };

export function register(program: Command): void {
  program
    .command("apply")
    .description(
      "Deploy and update the environment's contracts under a lock, journaled so that a crash resumes; writes deployments/<env>/<network>.json.",
    )
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <environment>", "environment to apply")
    .option("--plan <file>", "apply only if this plan (from w3o plan --out) is still current; it counts as approval")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--json", "print machine-readable events, one JSON object per line")
    .option("--state <file|url>", `${STATE_OPTION_HELP}; holds the journal and the locks`)
    .option("--redeploy <contracts>", "comma-separated contracts to deploy anew, discarding what the journal or record has for them")
    .option("--max-in-flight <n>", "bound on transactions sent and not yet mined")
    .action(async (dir: string, opts: Opts) => {
      const [
        { loadModel },
        { applyEnvironment },
        { Progress },
        { ApplyInterruptedError },
        { finishCommand },
        state,
        { fileRecordSink },
        { crashHook },
        { applyResultText },
      ] = await Promise.all([
        import("../../config/load.js"),
        import("../../apply/index.js"),
        import("../progress.js"),
        import("../../apply/interrupt.js"),
        import("../../apply/interrupted.js"),
        import("../stateStore.js"),
        import("../../state/records.js"),
        import("../crashHook.js"),
        import("../../report/apply.js"),
      ]);
      const model = await loadModel(dir);
      if (!model.environments[opts.env]) {
        throw new UsageError(`no environment "${opts.env}"`, { hint: `Use one of: ${Object.keys(model.environments).join(", ")}.` });
      }
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !opts.json;
      if (!opts.yes && !opts.plan && !interactive) {
        throw new UsageError("apply needs --yes (or a reviewed --plan file) when it cannot ask", {
          hint: `Run w3o plan --env ${opts.env} --out plan.json, review it, then w3o apply --env ${opts.env} --plan plan.json.`,
        });
      }
      const json = (e: unknown) => process.stdout.write(`${JSON.stringify(e)}\n`);
      const progress = opts.json ? undefined : new Progress(interactive);
      const redeploy = (opts.redeploy ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const where = state.stateLocation(opts.state, model.dir);
      const store = await state.openStateAt(where.location);
      const interrupts = catchInterrupts((l) => process.stderr.write(`\n${err.yellow("!")} ${l}\n`));
      const finish = `${finishCommand(opts.env, dir)}${where.shown ? ` --state ${where.shown}` : ""}`;
      const result = await applyEnvironment(model, opts.env, {
        vars: process.env,
        store,
        records: fileRecordSink(model.dir),
        onJournaled: crashHook(process.env.W3O_TEST_CRASH_AT),
        signal: interrupts.signal,
        finishCommand: finish,
        planFile: opts.plan,
        redeploy,
        maxInFlight: opts.maxInFlight ? Number(opts.maxInFlight) : undefined,
        command: `w3o apply ${process.argv.slice(3).join(" ")}`.trim(),
        confirm: async (plan) => (opts.yes || opts.plan ? true : ask(plan, interrupts.signal)),
        onEvent: (e) => (opts.json ? json(e) : progress?.on(e)),
      })
        .catch(async (e: unknown) => {
          await progress?.done();
          if (!(e instanceof ApplyInterruptedError)) throw e;
          // The lock is released by now; say what is left and how to finish, and exit as the signal asks.
          if (opts.json) json({ type: "interrupted", signal: e.signal, remaining: e.remaining, finish: e.finish });
          process.stderr.write(`${err.red("error:")} ${redact(e.message)}\n`);
          // A lost lease stops the run as a signal would, but is a failure of its own.
          process.exitCode = e.signal.startsWith("SIG") ? signalExitCode(e.signal as NodeJS.Signals) : EXIT.failed;
          return undefined;
        })
        .finally(() => {
          interrupts.dispose();
          return store.close();
        });
      if (!result) return;
      await progress?.done();
      const skipped = result.skipped;
      if (opts.json)
        json({
          type: "result",
          applied: result.applied,
          failed: result.failed,
          skipped: [...new Set(skipped.map((s) => s.contract))].sort(),
          notApplied: skipped,
          networks: result.networks.map(summary),
        });
      else if (result.applied) process.stdout.write(applyResultText(result, { env: opts.env, redeploy }, out));
      process.exitCode = result.failed.length || result.skipped.length ? EXIT.failed : EXIT.ok;
    });
}

const summary = (n: { network: string; recordFile: string; record: { contracts: Record<string, { address: string }> } }) => ({
  network: n.network,
  recordFile: n.recordFile,
  addresses: Object.fromEntries(Object.entries(n.record.contracts).map(([k, v]) => [k, v.address])),
});

async function ask(plan: Plan, signal: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // readline takes Ctrl-C from a raw terminal itself: hand it to the process, whose handler stops the apply.
  rl.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
  try {
    const answer = await rl.question(`\nApply this plan to ${plan.environment}? Only "yes" is accepted: `, { signal }).catch(() => "");
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
