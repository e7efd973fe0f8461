import { parseAllDocuments } from "yaml";
import type { Location } from "../config/model.js";
import { type Path, SourceFile } from "../config/source.js";
import type { RenderedFile } from "./types.js";

/**
 * Where a value of the index-th object of a rendered file is written. Without the file's text
 * (objects handed over in memory) the finding points at the file itself.
 */
export function locateRendered(r: RenderedFile, index: number, path: Path): Location {
  const doc = r.text === undefined ? undefined : documents(r, r.text)[index];
  if (!doc) return { file: r.file, line: 1, col: 1 };
  const pos = doc.source.locate(path);
  return { file: r.file, line: pos.line + doc.lineOffset, col: pos.line === 1 ? pos.col + doc.colOffset : pos.col };
}

type Located = { source: SourceFile; lineOffset: number; colOffset: number } | undefined;

// Every result of every rule locates itself: parse each rendered file once, not once per result.
const parsed = new WeakMap<RenderedFile, Located[]>();

function documents(r: RenderedFile, text: string): Located[] {
  let docs = parsed.get(r);
  if (!docs) {
    docs = parseAllDocuments(text)
      .filter((d) => d.contents !== null)
      .map((d) => {
        const range = d.contents?.range;
        if (!range) return undefined;
        const [start, , end] = range;
        return {
          source: new SourceFile(r.file, text.slice(start, end)),
          lineOffset: text.slice(0, start).split("\n").length - 1,
          colOffset: start - (text.lastIndexOf("\n", start - 1) + 1),
        };
      });
    parsed.set(r, docs);
  }
  return docs;
}
