import type { AuditReport } from "../report.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";
import type { FormatName } from "./names.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export type { FormatName } from "./names.js";

/** Audit output formats, one file each. */
export const formats = { text: formatText, json: formatJson, sarif: formatSarif, markdown: formatMarkdown } satisfies Record<
  FormatName,
  (r: AuditReport) => string
>;
