import { parse } from "csv-parse/sync";
import { getAddress } from "ethers";
import type { Diagnostic } from "../../config/diagnostics.js";

/** One row of an allocations CSV: a transfer, or a vesting wallet when start and duration are given. */
export type Allocation = {
  address: string;
  amount: string;
  vesting?: { start: string; cliff: string; duration: string };
  /** Where it is written, for messages. */
  at: { file: string; line: number; col: number };
};

const COLUMNS = ["address", "amount", "start", "cliff", "duration"] as const;
const AMOUNT = /^\d+(\.\d{1,18})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/;
const DURATION = /^\d+(ms|s|m|h|d)$/;

/**
 * Reads `address,amount[,start,cliff,duration]` rows (a header line first). Every problem is reported
 * at its file:line:col with the fix: a malformed or non-checksummed address, a bad amount, a second row
 * for the same address. Parsing is csv-parse's (quotes, CRLF, BOM); only positions are computed here.
 */
export function parseAllocations(file: string, text: string): { rows: Allocation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (line: number, col: number, code: string, message: string, hint: string) =>
    diagnostics.push({ file, line, col, severity: "error", code, message, hint });
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const x = e as { lines?: number; message: string };
    err(
      x.lines ?? 1,
      1,
      "csv-syntax",
      `not valid CSV: ${x.message}`,
      "Fix the quoting on that line (fields with commas go in double quotes).",
    );
    return { rows: [], diagnostics };
  }
  const [header, ...body] = records;
  const names = header?.record.map((h) => h.toLowerCase()) ?? [];
  if (names[0] !== "address" || names[1] !== "amount" || names.some((n) => !(COLUMNS as readonly string[]).includes(n))) {
    err(
      header?.info.lines ?? 1,
      1,
      "csv-header",
      `the first line must be the header "address,amount" (optionally ",start,cliff,duration"); found "${names.join(",")}"`,
      "Put the header line address,amount[,start,cliff,duration] first.",
    );
    return { rows: [], diagnostics };
  }
  const col = Object.fromEntries(names.map((n, i) => [n, i])) as Partial<Record<(typeof COLUMNS)[number], number>>;
  const seen = new Map<string, number>();
  const rows: Allocation[] = [];
  for (const r of body) {
    // csv-parse counts the line a record ends on; records here are one line each (a multi-line quoted field is refused as an address anyway).
    const line = r.info.lines;
    const column = columnsOf(r.raw, r.record);
    const field = (k: (typeof COLUMNS)[number]) => (col[k] === undefined ? "" : (r.record[col[k]] ?? ""));
    const at = (k: (typeof COLUMNS)[number]) => column[col[k] ?? 0] ?? 1;
    const address = field("address");
    let ok = true;
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
      err(
        line,
        at("address"),
        "csv-address",
        `"${address}" is not an address`,
        "Write 0x followed by 40 hex digits, checksummed (EIP-55).",
      );
      ok = false;
    } else if (getAddress(address) !== address) {
      err(
        line,
        at("address"),
        "address-checksum",
        `${address} is not a checksummed address`,
        `Write it as ${getAddress(address)} (EIP-55), so a typo in one letter cannot send tokens elsewhere.`,
      );
      ok = false;
    } else {
      const first = seen.get(address.toLowerCase());
      if (first !== undefined) {
        err(
          line,
          at("address"),
          "csv-duplicate",
          `${address} is allocated twice (first on line ${first})`,
          "Merge the two rows into one with the sum of the amounts, or remove one.",
        );
        ok = false;
      } else seen.set(address.toLowerCase(), line);
    }
    const amount = field("amount");
    if (!AMOUNT.test(amount) || /^0+(\.0+)?$/.test(amount)) {
      err(
        line,
        at("amount"),
        "csv-amount",
        `"${amount}" is not a positive amount of whole tokens`,
        "Write a decimal number of tokens, e.g. 1000 or 2.5 (no thousands separators, at most 18 decimals).",
      );
      ok = false;
    }
    const [start, cliff, duration] = [field("start"), field("cliff"), field("duration")];
    let vesting: Allocation["vesting"];
    if (start || duration || cliff) {
      if (!DATE.test(start)) {
        err(
          line,
          at(col.start === undefined ? "address" : "start"),
          "csv-vesting",
          `vesting start "${start}" is not a UTC date`,
          "Write the start as 2026-01-01 or 2026-01-01T00:00:00Z.",
        );
        ok = false;
      }
      if (!DURATION.test(duration)) {
        err(
          line,
          at(col.duration === undefined ? "address" : "duration"),
          "csv-vesting",
          `vesting duration "${duration}" is not a duration`,
          "Write durations like 365d, 12h or 90s.",
        );
        ok = false;
      }
      if (cliff && !DURATION.test(cliff)) {
        err(
          line,
          at("cliff"),
          "csv-vesting",
          `vesting cliff "${cliff}" is not a duration`,
          "Write durations like 90d, or leave the cliff empty.",
        );
        ok = false;
      }
      vesting = { start, cliff: cliff || "0s", duration };
    }
    if (ok) rows.push({ address, amount, ...(vesting ? { vesting } : {}), at: { file, line, col: at("address") } });
  }
  return { rows, diagnostics };
}

/** 1-based column where each field starts in a record's raw text (fields are found in order). */
function columnsOf(raw: string, fields: string[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (const f of fields) {
    const i = f ? raw.indexOf(f, from) : from;
    out.push((i < 0 ? from : i) + 1);
    from = (i < 0 ? from : i) + f.length;
    const comma = raw.indexOf(",", from);
    if (comma >= 0) from = comma + 1;
  }
  return out;
}
