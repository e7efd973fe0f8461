/**
 * Orders strings by UTF-16 code unit, the same on every machine. `localeCompare` follows the
 * process's locale (a journal fingerprint or a rendered file could differ between a laptop and
 * CI) and its first call loads ICU's collator, ~6 ms of every command's start.
 */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
