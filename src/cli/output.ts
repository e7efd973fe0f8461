import { createColors } from "picocolors";

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(stream: NodeJS.WriteStream) {
  const enabled = !("NO_COLOR" in process.env) && ("FORCE_COLOR" in process.env || (Boolean(stream.isTTY) && process.env.TERM !== "dumb"));
  return createColors(enabled);
}

export const out = colorsFor(process.stdout);
export const err = colorsFor(process.stderr);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
