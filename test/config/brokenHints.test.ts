import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, LineCounter, type Pair, parseDocument, visit, type YAMLMap } from "yaml";
import type { Diagnostic } from "../../src/config/diagnostics.js";
import { loadRepo } from "../../src/config/load.js";
import { ROOT } from "../helpers/cli.js";

const BROKEN = path.join(ROOT, "examples/broken");

/** The edit a hint names, read from its text the way a person (or an editor's quick fix) would. */
type Fix = { kind: "rename" | "value"; to: string } | { kind: "replace"; yaml: string } | { kind: "delete" };

function fixOf(d: Diagnostic): Fix | undefined {
  const hint = d.hint ?? "";
  const mean = /^Did you mean "([^"]+)"\?/.exec(hint);
  if (mean) return d.code === "unknown-key" ? { kind: "rename", to: mean[1]! } : { kind: "value", to: mean[1]! };
  const write = /\bwrite `([A-Za-z]+: .+?)`/.exec(hint);
  if (write) return { kind: "replace", yaml: write[1]! };
  if (/\bdelete `[A-Za-z]+:`/.test(hint)) return { kind: "delete" };
  return undefined;
}

/** Applies a fix to the key/value pair that the diagnostic's line:col points at (its key or its value). */
function apply(text: string, d: Diagnostic, fix: Fix): string {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const offset = lines.lineStarts[d.line - 1]! + d.col - 1;
  let found: { pair: Pair; parent: YAMLMap } | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      const at = (n: unknown) => isScalar(n) && n.range?.[0] === offset;
      const parent = ancestors.at(-1);
      if (isPair(pair) && (at(pair.key) || at(pair.value)) && isMap(parent)) found = { pair, parent };
    },
  });
  if (!found) throw new Error(`no key or value at ${d.file}:${d.line}:${d.col}`);
  const { pair, parent } = found;
  if (fix.kind === "rename") pair.key = doc.createNode(fix.to);
  else if (fix.kind === "value") pair.value = doc.createNode(fix.to);
  else {
    const i = parent.items.indexOf(pair as Pair<unknown, unknown>);
    const replacement = fix.kind === "replace" ? (parseDocument(fix.yaml).contents as YAMLMap).items : [];
    parent.items.splice(i, 1, ...(replacement as Pair<unknown, unknown>[]));
  }
  return doc.toString();
}

let work: string | undefined;
afterEach(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the hints of examples/broken, applied as written", () => {
  it("make their error go away and leave nothing wrong on the edited line", async () => {
    const { diagnostics } = await loadRepo(BROKEN);
    const fixable = diagnostics.flatMap((d) => {
      const fix = fixOf(d);
      return fix ? [{ d, fix }] : [];
    });
    // autoAplly, etherium, the RPC URL's default, and both diagnostics of the inline private key.
    expect(fixable.map(({ d }) => `${d.file}:${d.line}:${d.col}`)).toEqual([
      "nodes/nodes.yaml:3:12",
      "w3o.yaml:8:5",
      "w3o.yaml:20:43",
      "w3o.yaml:30:5",
      "w3o.yaml:30:17",
    ]);
    for (const { d, fix } of fixable) {
      work = await mkdtemp(path.join(os.tmpdir(), "w3o-hints-"));
      await cp(BROKEN, work, { recursive: true });
      const file = path.join(work, d.file);
      await writeFile(file, apply(await readFile(file, "utf8"), d, fix));
      const after = (await loadRepo(work)).diagnostics;
      const where = `${d.file}:${d.line}:${d.col} ${d.message} — ${d.hint}`;
      // Nothing is left at the edited line: neither this error nor a new one made by the edit. (Fixing a
      // value may reveal errors elsewhere that it masked, e.g. a node's chain decides its required keys.)
      expect(
        after.filter((a) => a.file === d.file && a.line === d.line),
        where,
      ).toEqual([]);
      await rm(work, { recursive: true, force: true });
      work = undefined;
    }
  });
});
