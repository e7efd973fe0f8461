import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import type { Diagnostic } from "./diagnostics.js";
import { mayHoldSecret, notAVariableName } from "./secretFields.js";
import type { Path, SourceFile } from "./source.js";

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Turns zod's issues into diagnostics at the right line and column, each with a fix. */
export function issuesToDiagnostics(issues: readonly Issue[], source: SourceFile, schema: AnySchema, data: unknown): Diagnostic[] {
  return issues.flatMap((issue) => toDiagnostics(issue, source, schema, data));
}

function toDiagnostics(issue: Issue, source: SourceFile, schema: AnySchema, data: unknown): Diagnostic[] {
  const path = issue.path as Path;
  const at = (p: Path, key = false) => ({ file: source.file, ...source.locate(p, { key }), severity: "error" as const });
  const where = describePath(path);

  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = objectKeysAt(schema, data, path);
      return issue.keys.map((key) => ({
        ...at([...path, key], true),
        code: "unknown-key",
        message: `unknown key "${key}"${where ? ` in ${where}` : ""}`,
        hint: renamedKeyHint(key, path, allowed) ?? suggest(key, allowed, "Allowed keys"),
      }));
    }
    case "invalid_value": {
      const value = valueAt(data, path);
      const values = issue.values.map(String);
      return [
        {
          ...at(path),
          code: "invalid-value",
          message: `${JSON.stringify(value)} is not a valid ${lastName(path)}`,
          hint: suggest(String(value), values, "Allowed values"),
        },
      ];
    }
    case "invalid_union": {
      if ("discriminator" in issue && issue.discriminator) {
        const value = valueAt(data, path);
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const discriminatorPath = path.at(-1) === issue.discriminator ? path : [...path, issue.discriminator];
        if (value === undefined || typeof value === "object") {
          return [
            {
              ...at(path),
              code: "missing-key",
              message: `missing "${issue.discriminator}" in ${where}`,
              hint: `Set ${issue.discriminator} to one of: ${options.join(", ")}.`,
            },
          ];
        }
        return [
          {
            ...at(discriminatorPath),
            code: "invalid-value",
            message: `${JSON.stringify(value)} is not a valid ${issue.discriminator}`,
            hint: suggest(String(value), options, "Allowed values"),
          },
        ];
      }
      // Every branch rejected the same unknown key: that key is the mistake.
      const branches = issue.errors;
      const keySets = branches.map((errs) => errs.flatMap((e) => (e.code === "unrecognized_keys" && e.path.length === 0 ? e.keys : [])));
      const shared = keySets.length ? (keySets[0] ?? []).filter((k) => keySets.every((set) => set.includes(k))) : [];
      const description = describeSchema(schema, data, path);
      if (shared.length > 0) {
        return shared.map((key) => ({
          ...at([...path, key], true),
          code: "unknown-key",
          message: `unknown key "${key}" in ${where}`,
          hint: description ?? "Check the allowed shapes in the JSON Schema.",
        }));
      }
      return [{ ...at(path), code: "invalid-value", message: `${where} does not match any allowed shape`, hint: description }];
    }
    case "invalid_type": {
      const value = valueAt(data, path);
      if (value === undefined) {
        const field = String(path.at(-1));
        return [
          {
            ...at(path.slice(0, -1), path.length > 1),
            code: "missing-key",
            message: `missing required key "${field}"${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ""}`,
            hint: describeSchema(schema, data, path) ?? `Add "${field}".`,
          },
        ];
      }
      return [
        {
          ...at(path),
          code: "invalid-type",
          message: `${where || "the file"} must be ${article(issue.expected)}, not ${typeName(value)}`,
          hint: describeSchema(schema, data, path),
        },
      ];
    }
    default: {
      const value = valueAt(data, path);
      const field = lastName(path);
      if (field === "env" && typeof value === "string") return [{ ...at(path), code: "invalid-value", ...notAVariableName(where) }];
      if (mayHoldSecret(field)) {
        const message = `${where} is not valid (its value is not repeated here: it may hold a credential)`;
        return [{ ...at(path), code: "invalid-value", message, hint: capitalise(issue.message) }];
      }
      const shown = value === undefined || typeof value === "object" ? "" : ` ${JSON.stringify(value)}`;
      return [
        {
          ...at(path),
          code: "invalid-value",
          message: `invalid ${field}${shown}`,
          hint: capitalise(issue.message),
        },
      ];
    }
  }
}

/** Keys people write for an account's key, which w3o spells `signer`: no spelling distance finds that. */
const SIGNER_ALIASES = /^(private[_-]?key|key|pk|secret[_-]?key|wallet[_-]?key|mnemonic|keystore)$/i;

function renamedKeyHint(key: string, path: Path, allowed: readonly string[]): string | undefined {
  if (!allowed.includes("signer") || !SIGNER_ALIASES.test(key)) return undefined;
  const owner = path.find((_p, i) => i > 0 && path[i - 1] === "accounts");
  const env = `${String(owner ?? "deployer")
    .replace(/[^A-Za-z0-9]/g, "_")
    .toUpperCase()}_KEY`;
  return `An account signs through signer: write \`signer: { env: ${env} }\` (a hex key read from that variable) or signer: { keystore: FILE, password: { env: VAR } }. Allowed keys: ${allowed.join(", ")}.`;
}

function suggest(input: string, options: readonly string[], label: string): string {
  const list = `${label}: ${options.join(", ")}.`;
  if (options.length === 0) return "Remove it.";
  const best = closest(input, options as string[]);
  const close = best !== undefined && distance(input.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3));
  return close ? `Did you mean "${best}"? ${list}` : list;
}

function describePath(path: Path): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : p))
    .join(".")
    .replace(/\.\[/g, "[");
}

function lastName(path: Path): string {
  const named = [...path].reverse().find((p) => typeof p === "string");
  return named === undefined ? "value" : String(named);
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const p of path) v = v && typeof v === "object" ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

const typeName = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `a ${typeof v}`;
const article = (t: string) => (t === "object" ? "a mapping" : t === "array" ? "a list" : `a ${t}`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Walks a zod schema along a data path, following unions by the data found there. */
export function schemaAt(schema: AnySchema, data: unknown, path: Path): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  let d: unknown = data;
  for (const segment of path) {
    s = unwrap(s, d);
    if (!s) return undefined;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") s = (def.shape as Record<string, AnySchema>)[segment];
    else if (def.type === "record") s = def.valueType as AnySchema;
    else if (def.type === "array") s = def.element as AnySchema;
    else return undefined;
    d = d && typeof d === "object" ? (d as Record<string | number, unknown>)[segment] : undefined;
  }
  return unwrap(s, d);
}

function unwrap(schema: AnySchema | undefined, data: unknown): AnySchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 20; i++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault")
      s = def.innerType as AnySchema;
    else if (def.type === "lazy") s = (def.getter as () => AnySchema)();
    else if (def.type === "pipe") s = def.in as AnySchema;
    else if (def.type === "union") s = pickUnionOption(def.options as AnySchema[], def.discriminator as string | undefined, data);
    else return s;
  }
  return s;
}

function pickUnionOption(options: AnySchema[], discriminator: string | undefined, data: unknown): AnySchema | undefined {
  const record = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  const objects = options.filter((o) => (o._zod.def as { type: string }).type === "object");
  if (discriminator) {
    return objects.find((o) => {
      const lit = (o._zod.def as unknown as { shape: Record<string, AnySchema> }).shape[discriminator];
      return (lit?._zod.def as unknown as { values?: unknown[] })?.values?.includes(record[discriminator]);
    });
  }
  // Without a discriminator, the option sharing the most keys with the data is the one meant.
  const score = (o: AnySchema) => Object.keys((o._zod.def as unknown as { shape: object }).shape).filter((k) => k in record).length;
  return objects.sort((a, b) => score(b) - score(a))[0];
}

function objectKeysAt(schema: AnySchema, data: unknown, path: Path): string[] {
  const s = schemaAt(schema, data, path);
  const def = s?._zod.def as unknown as { type: string; shape?: object } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape).filter((k) => k !== "$schema") : [];
}

function describeSchema(schema: AnySchema, data: unknown, path: Path): string | undefined {
  let s: AnySchema | undefined = schema;
  let d: unknown = data;
  // The description may sit on the wrapper (optional/default) rather than the inner type.
  for (const segment of path) {
    const inner = unwrap(s, d);
    const def = inner?._zod.def as unknown as Record<string, unknown> & { type: string };
    if (!def) return undefined;
    s =
      def.type === "object"
        ? (def.shape as Record<string, AnySchema>)[segment]
        : def.type === "record"
          ? (def.valueType as AnySchema)
          : def.type === "array"
            ? (def.element as AnySchema)
            : undefined;
    d = d && typeof d === "object" ? (d as Record<string | number, unknown>)[segment] : undefined;
  }
  for (let cur = s, i = 0; cur && i < 10; i++) {
    const description = (cur as { description?: string }).description;
    if (description) return description;
    const def = cur._zod.def as unknown as Record<string, unknown>;
    cur = (def.innerType ?? def.in) as AnySchema | undefined;
  }
  return undefined;
}
