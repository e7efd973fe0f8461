import { isScalar } from "yaml";
import type { Diagnostic } from "./diagnostics.js";
import { locate, type Model } from "./model.js";
import type { ArgValue } from "./schema/contract.js";
import type { Path } from "./source.js";

/**
 * Unquoted numbers YAML cannot hold exactly. `1000000000000000000000000` parses as the float 1e+24,
 * whose digits past 2^53 are gone: encoded as a constructor argument or compared with a view call's
 * answer it would silently be another number. Each is an error at the number, quoting what to write.
 */
export function lossyNumbers(model: Pick<Model, "contracts" | "files" | "origins">, name: string): Diagnostic[] {
  const c = model.contracts[name];
  if (!c) return [];
  const values: [ArgValue, Path][] = [
    [c.args, ["args"]],
    [c.proxy?.initializer.args ?? [], ["proxy", "initializer", "args"]],
    ...c.expect.flatMap((x, i): [ArgValue, Path][] => [
      [x.args, ["expect", i, "args"]],
      [x.returns, ["expect", i, "returns"]],
    ]),
  ];
  const out: Diagnostic[] = [];
  const walk = (v: ArgValue, path: Path) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, i]);
    } else if (typeof v === "number" && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) {
      const at = locate(model, "contracts", name, path);
      const text = sourceText(model, at.file, ["contracts", name, ...path]) ?? String(v);
      out.push({
        ...at,
        severity: "error",
        code: "lossy-number",
        message: `contracts.${name}.${dotted(path)} is ${text}, which YAML reads as the float ${v}: the digits past 2^53 are lost`,
        hint: /^[-+]?\d+$/.test(text)
          ? `Quote it: "${text.replace(/^\+/, "")}". w3o encodes and compares numbers written as strings exactly.`
          : 'Write the integer in full digits, quoted, e.g. "1000000000000000000000000".',
      });
    }
  };
  for (const [v, path] of values) walk(v, path);
  return out;
}

/** The scalar as written in the file (YAML has already turned it into a float). */
function sourceText(model: Pick<Model, "files">, file: string, path: Path): string | undefined {
  const node = model.files[file]?.doc.getIn(path, true);
  if (!isScalar(node) || !node.range) return undefined;
  return model.files[file]?.text.slice(node.range[0], node.range[1]).trim();
}

const dotted = (path: Path) =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
    .join("")
    .slice(1);
