/** A decimal or 0x-hex integer written as text (optionally negative), exactly: "1000000000000000000000000", "-5", "0xff". */
export const INTEGER_TEXT = /^-?(\d+|0x[0-9a-fA-F]+)$/;

export const parseInteger = (s: string): bigint => (s.startsWith("-") ? -BigInt(s.slice(1)) : BigInt(s));
