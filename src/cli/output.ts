import { createColors } from "picocolors";

/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (https://no-color.org: "" does not disable it). */
export function colorsFor(stream: NodeJS.WriteStream) {
  const enabled = !process.env.NO_COLOR && ("FORCE_COLOR" in process.env || (Boolean(stream.isTTY) && process.env.TERM !== "dumb"));
  return createColors(enabled);
}

export const out = colorsFor(process.stdout);
export const err = colorsFor(process.stderr);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
