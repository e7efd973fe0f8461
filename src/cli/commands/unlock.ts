import type { Command } from "commander";
import { out } from "../output.js";
import { STATE_OPTION_HELP } from "../stateOption.js";

export function register(program: Command): void {
  program
    .command("unlock")
    .description("Release the apply lock of an environment, e.g. after a crashed apply. Check that no apply is running first.")
    .argument("[dir]", "infra repo (folder with w3o.yaml)", ".")
    .requiredOption("-e, --env <environment>", "environment to unlock")
    .option("--state <file|url>", STATE_OPTION_HELP)
    .action(async (dir: string, opts: { env: string; state?: string }) => {
      const [{ loadModel }, { releaseLock }, { openStateAt, stateLocation }] = await Promise.all([
        import("../../config/load.js"),
        import("../../apply/lock.js"),
        import("../stateStore.js"),
      ]);
      const model = await loadModel(dir);
      const state = await openStateAt(stateLocation(opts.state, model.dir).location);
      try {
        const held = await releaseLock(state.db, { project: model.project, environment: opts.env });
        process.stdout.write(
          held
            ? `${out.green("✔")} released the lock of ${opts.env}, held by ${held.holder} (pid ${held.pid}) since ${held.since}${held.runId ? `, run ${held.runId}` : ""}\n`
            : `${opts.env} was not locked\n`,
        );
      } finally {
        await state.close();
      }
    });
}
