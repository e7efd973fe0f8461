import type { PrReport } from "./types.js";

/** How much a section says: everything, what changed, or counts and the blocking items only. */
export type Detail = "full" | "compact" | "brief";

/** The commands a block ends with; a face may swap them (chat-ops `/w3o plan` instead of the CLI). */
export type NextCommands = {
  validate: string;
  plan: (env: string) => string;
  apply: (env: string) => string;
  audit: string;
  /** Releases a PR lock; only chat-ops has one (`/w3o unlock ENV` by default). */
  unlock?: (env: string) => string;
};

export const CLI_COMMANDS: NextCommands = {
  validate: "w3o validate",
  plan: (env) => `w3o plan --env ${env}`,
  apply: (env) => `w3o apply --env ${env}`,
  audit: "w3o audit",
};

export type SectionContext = { commands: NextCommands; checkRunName: string };

/**
 * One named block of the report. Sections fold in `foldOrder` (highest first) when the comment would be
 * over GitHub's limit; the summary has order 0 and never folds. A face overrides one by its id.
 */
export type Section = {
  id: string;
  foldOrder: number;
  render: (report: PrReport, detail: Detail, ctx: SectionContext) => string[];
};

/** Item lists at `brief` show at most this many, then say how many more the check run holds. */
export const BRIEF_ITEMS = 20;
/** A single item line at `brief` is clipped here: a 60 kB message must not defeat the folding. */
export const BRIEF_LINE = 400;

export const clipLine = (line: string, max = BRIEF_LINE) => (line.length <= max ? line : `${line.slice(0, max - 1)}…`);

/** At `brief`, the first BRIEF_ITEMS items, clipped, and a line pointing to where the rest is. */
export function briefList(items: string[], detail: Detail, where: string): string[] {
  if (detail !== "brief" || items.length <= BRIEF_ITEMS) return detail === "brief" ? items.map((i) => clipLine(i)) : items;
  return [...items.slice(0, BRIEF_ITEMS).map((i) => clipLine(i)), `- … and ${items.length - BRIEF_ITEMS} more in ${where}`];
}
