import { Command, CommanderError } from "commander";
import { RepoNotFoundError } from "../config/diagnostics.js";
import { BaseError, redact } from "../errors/index.js";
import { commands } from "./commands/index.js";
import { errorToJson, wantsJson } from "./errorJson.js";
import { EXAMPLES, examplesHelp } from "./examples.js";
import { EXIT, UsageError } from "./exitCodes.js";
import { err } from "./output.js";

export const VERSION = "0.1.0";

export function createProgram(): Command {
  const program = new Command("w3o")
    .description("Web3 Orchestrator: GitOps for blockchain nodes and contracts.")
    .version(VERSION)
    .showHelpAfterError("(run w3o --help for usage)")
    .exitOverride();
  for (const register of commands) register(program);
  // `--json` is accepted everywhere, so that a CI step gets its errors as JSON whatever it runs.
  for (const command of program.commands) {
    if (!command.options.some((o) => o.long === "--json")) command.option("--json", "print errors as JSON on stdout");
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText("after", examplesHelp(examples));
  }
  return program;
}

/** Runs the CLI and returns the exit code; errors are printed for people, never as stack traces. */
export async function run(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    const code = report(e);
    if (code !== EXIT.ok && wantsJson(argv.slice(2))) {
      process.stdout.write(`${JSON.stringify({ error: errorToJson(e), exitCode: code })}\n`);
    }
    return code;
  }
}

function report(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander has already printed the message; help and version are not failures.
    return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? EXIT.ok : EXIT.usage;
  }
  const usage = e instanceof UsageError || e instanceof RepoNotFoundError;
  if (e instanceof BaseError) {
    process.stderr.write(`${err.red("error:")} ${redact(e.message)}\n`);
    if (process.env.W3O_DEBUG && e.stack) process.stderr.write(`${redact(e.stack)}\n`);
    return usage ? EXIT.usage : EXIT.failed;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${err.red("error:")} ${redact(message)}\n`);
  if (process.env.W3O_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${redact(e.stack)}\n`);
  else process.stderr.write("  (set W3O_DEBUG=1 for details, and please report it: this is a bug in w3o)\n");
  return EXIT.failed;
}
