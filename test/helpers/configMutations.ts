import fc from "fast-check";
import { type Document, isMap, isPair, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { NAMED_SECTIONS } from "../../src/config/model.js";
import { devAccounts } from "../../src/devnet/index.js";

/** A value planted in a config, and the parts of it that no output may contain. */
export type Planted = { text: string; secrets: string[] };

/** One hostile edit of an infra repo. Targets are picked by index, modulo what the file holds. */
export type Mutation =
  | { kind: "wrong-type"; file: number; pick: number; value: unknown }
  | { kind: "unknown-key"; file: number; pick: number; key: string; value: unknown }
  | { kind: "delete-key"; file: number; pick: number }
  | { kind: "rename"; file: number; pick: number; to: string }
  | { kind: "delete-file"; file: number }
  | { kind: "plant"; file: number; pick: number; planted: Planted; embed: boolean; where: "value" | "env" | "key" }
  /** A token of no known format: only the field it is in (env:) says it may be a secret. */
  | { kind: "plant-opaque-env"; file: number; pick: number; token: string };

// Anvil's public dev keys stand in for private keys (never a real one, even a random one).
const DEV_KEYS = devAccounts(10).map((a) => a.privateKey.slice(2));

const word = (min: number, max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9]{${min - 1},${max - 1}}$`));
/** Provider keys and passwords: letters and digits, with at least one digit, as issued. */
const token = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`)).map((t) => (/\d/.test(t) ? t : `${t.slice(1)}7`));
const host = fc.tuple(word(3, 10), fc.constantFrom("example.com", "infura.io", "alchemy.com")).map(([h, d]) => `${h}.${d}`);

export const planted: fc.Arbitrary<Planted> = fc.oneof(
  fc.constantFrom(...DEV_KEYS).map((k) => ({ text: `0x${k}`, secrets: [k] })),
  fc.constantFrom(...DEV_KEYS).map((k) => ({ text: k, secrets: [k] })),
  fc
    .tuple(word(3, 8), token(8, 16), host, token(24, 32))
    .map(([user, pass, h, key]) => ({ text: `https://${user}:${pass}@${h}/v3/${key}`, secrets: [pass, key] })),
  fc.tuple(host, token(20, 32)).map(([h, key]) => ({ text: `https://${h}/rpc?apikey=${key}`, secrets: [key] })),
  fc.tuple(host, token(20, 32)).map(([h, key]) => ({ text: `wss://${h}/ws/v3/${key}`, secrets: [key] })),
);

const scalarOrShape = fc.oneof(
  fc.integer({ min: -5, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  word(1, 12),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
  fc.dictionary(word(1, 6), fc.integer({ min: 0, max: 9 }), { maxKeys: 2 }),
);

export function mutation(fileCount: number): fc.Arbitrary<Mutation> {
  const file = fc.nat({ max: fileCount - 1 });
  const pick = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant("wrong-type" as const), file, pick, value: scalarOrShape }),
    fc.record({ kind: fc.constant("unknown-key" as const), file, pick, key: word(1, 12), value: scalarOrShape }),
    fc.record({ kind: fc.constant("delete-key" as const), file, pick }),
    fc.record({ kind: fc.constant("rename" as const), file, pick, to: word(1, 12) }),
    fc.record({ kind: fc.constant("delete-file" as const), file }),
    fc.record({
      kind: fc.constant("plant" as const),
      file,
      pick,
      planted,
      embed: fc.boolean(),
      where: fc.constantFrom("value" as const, "env" as const, "key" as const),
    }),
    fc.record({ kind: fc.constant("plant-opaque-env" as const), file, pick, token: token(16, 32).map((t) => `sk_live_${t}`) }),
  );
}

type Path = (string | number)[];

/** Every path in a document: the maps (where keys can go) and the scalars (values to replace). */
function paths(doc: Document): { maps: Path[]; leaves: Path[]; envs: Path[]; names: Path[] } {
  const out = { maps: [] as Path[], leaves: [] as Path[], envs: [] as Path[], names: [] as Path[] };
  const walk = (node: unknown, path: Path) => {
    if (isMap(node)) {
      out.maps.push(path);
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const child = [...path, key];
        if (path.length === 1 && (NAMED_SECTIONS as readonly string[]).includes(String(path[0]))) out.names.push(child);
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item, [...path, i]);
    } else if (isScalar(node)) {
      out.leaves.push(path);
      if (path.at(-1) === "env") out.envs.push(path);
    }
  };
  walk(doc.contents, []);
  return out;
}

const at = <T>(list: T[], pick: number): T | undefined => (list.length ? list[pick % list.length] : undefined);

/**
 * Applies the mutations to the repo's files (YAML and the rest); returns the files to write
 * and every secret planted in them.
 */
export function mutate(files: Record<string, string>, mutations: Mutation[]): { files: Record<string, string>; secrets: string[] } {
  const names = Object.keys(files).sort();
  const docs = new Map<string, Document>();
  const deleted = new Set<string>();
  const secrets: string[] = [];
  for (const m of mutations) {
    const name = names[m.file % names.length]!;
    if (m.kind === "delete-file") {
      deleted.add(name);
      continue;
    }
    if (!name.endsWith(".yaml")) continue;
    const doc = docs.get(name) ?? parseDocument(files[name]!);
    docs.set(name, doc);
    const p = paths(doc);
    switch (m.kind) {
      case "wrong-type": {
        const target = at([...p.leaves, ...p.maps], m.pick);
        if (target) set(doc, target, m.value);
        break;
      }
      case "unknown-key": {
        const target = at(p.maps, m.pick);
        if (target) set(doc, [...target, m.key], m.value);
        break;
      }
      case "delete-key": {
        const target = at(
          [...p.leaves, ...p.maps].filter((t) => t.length > 0),
          m.pick,
        );
        if (target) doc.deleteIn(target);
        break;
      }
      case "rename": {
        const target = at(p.names, m.pick);
        if (target) renameKey(doc, target, m.to);
        break;
      }
      case "plant": {
        const text = m.embed ? `see ${m.planted.text} here` : m.planted.text;
        secrets.push(...m.planted.secrets);
        if (m.where === "key") {
          const target = at(p.maps, m.pick) ?? [];
          set(doc, [...target, text], 1);
        } else {
          const target = at(m.where === "env" && p.envs.length ? p.envs : p.leaves, m.pick);
          if (target) set(doc, target, text);
          else set(doc, ["planted"], text);
        }
        break;
      }
      case "plant-opaque-env": {
        const target = at(p.envs, m.pick);
        if (target) {
          set(doc, target, m.token);
          secrets.push(m.token);
        }
        break;
      }
    }
  }
  const out: Record<string, string> = {};
  for (const name of names) {
    if (deleted.has(name)) continue;
    const doc = docs.get(name);
    out[name] = doc ? String(doc) : files[name]!;
  }
  return { files: out, secrets };
}

function set(doc: Document, path: Path, value: unknown) {
  if (path.length === 0) doc.contents = doc.createNode(value) as Node;
  else if (isMap(doc.contents) || isSeq(doc.contents)) doc.setIn(path, doc.createNode(value));
  // else an earlier mutation made the file a scalar: there is no path left to set.
}

function renameKey(doc: Document, path: Path, to: string) {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path.at(-1)));
  if (pair) pair.key = doc.createNode(to);
}
