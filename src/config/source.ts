import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export type Path = readonly (string | number)[];
export type Position = { line: number; col: number };

/** A parsed YAML file that can say where any value in it was written. */
export class SourceFile {
  readonly lineCounter = new LineCounter();
  readonly doc: Document;

  constructor(
    /** Path relative to the repo root, with forward slashes: what users see in messages. */
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: true });
  }

  positionOf(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, col };
  }

  /**
   * Where the value at `path` starts; with `key`, where that key is written instead.
   * Falls back to the deepest ancestor that exists, so a missing field points at its parent.
   */
  locate(path: Path, opts: { key?: boolean } = {}): Position {
    let node: unknown = this.doc.contents;
    let best = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        if (last && opts.key) return this.positionOf(rangeStart(pair.key) ?? best);
        node = pair.value;
        best = rangeStart(node) ?? rangeStart(pair.key) ?? best;
      } else if (isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
        if (node === undefined) break;
        best = rangeStart(node) ?? best;
      } else break;
    }
    return this.positionOf(best);
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
