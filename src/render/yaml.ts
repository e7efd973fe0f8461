import { Document } from "yaml";

/**
 * Serialises objects as a multi-document YAML stream with map keys sorted, so that the
 * output depends only on the data and never on the order code happened to build it in.
 */
export function toYaml(objects: readonly unknown[]): string {
  return objects
    .map((o) => new Document(o, { sortMapEntries: true, aliasDuplicateObjects: false }).toString({ lineWidth: 0 }))
    .map((doc, i) => (i === 0 ? doc : `---\n${doc}`))
    .join("");
}

/** JSON with keys sorted at every level (arrays keep their order: it carries meaning). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
