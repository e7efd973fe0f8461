import os from "node:os";

/** The shell's convention for a process stopped by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export const signalExitCode = (sig: NodeJS.Signals) => 128 + (os.constants.signals[sig] ?? 0);

export type Interrupts = {
  /** Aborted on the first SIGINT or SIGTERM, with the signal's name as reason. */
  signal: AbortSignal;
  received(): NodeJS.Signals | undefined;
  /** Gives the signals back to Node's defaults (a later Ctrl-C kills the process again). */
  dispose(): void;
};

/**
 * Catches SIGINT and SIGTERM for a command that must stop at a safe point (apply: between waves,
 * the journal written, the lock released) rather than die mid-way. The first one asks it to stop;
 * a second one exits at once, as the user then insists (the lock stays; the next apply on this
 * host takes it over).
 */
export function catchInterrupts(say: (line: string) => void): Interrupts {
  const controller = new AbortController();
  let first: NodeJS.Signals | undefined;
  const on = (sig: NodeJS.Signals) => {
    if (first) {
      say(`${sig} again: exiting now. The lock stays held until the next apply on this host takes it over.`);
      process.exit(signalExitCode(sig));
    }
    first = sig;
    say(
      `${sig}: stopping. No new transaction is sent; what is in flight is journaled, then the lock is released. ${sig} again exits at once.`,
    );
    controller.abort(sig);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  for (const s of signals) process.on(s, on);
  return {
    signal: controller.signal,
    received: () => first,
    dispose: () => {
      for (const s of signals) process.off(s, on);
    },
  };
}
