import { parseAllDocuments } from "yaml";
import type { Location } from "../config/model.js";
import { type Path, SourceFile } from "../config/source.js";
import type { RenderedFile } from "./types.js";

/**
 * Where a value of the index-th object of a rendered file is written. Without the file's text
 * (objects handed over in memory) the finding points at the file itself.
 */
export function locateRendered(r: RenderedFile, index: number, path: Path): Location {
  if (!r.text) return { file: r.file, line: 1, col: 1 };
  const docs = parseAllDocuments(r.text).filter((d) => d.contents !== null);
  const doc = Array.isArray(docs) ? docs[index] : undefined;
  if (!doc?.contents?.range) return { file: r.file, line: 1, col: 1 };
  const start = doc.contents.range[0];
  const end = doc.contents.range[2];
  const lineOffset = r.text.slice(0, start).split("\n").length - 1;
  const colOffset = start - (r.text.lastIndexOf("\n", start - 1) + 1);
  const pos = new SourceFile(r.file, r.text.slice(start, end)).locate(path);
  return { file: r.file, line: pos.line + lineOffset, col: pos.line === 1 ? pos.col + colOffset : pos.col };
}
