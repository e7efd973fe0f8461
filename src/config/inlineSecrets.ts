import { wordlist } from "@scure/bip39/wordlists/english.js";
import { isMap, isPair, isScalar, isSeq, type Node, visit as visitYaml } from "yaml";
import { redactUrl } from "../errors/index.js";
import type { Diagnostic } from "./diagnostics.js";
import { ENV_NAME, SECRET_KEY_NAME } from "./secretFields.js";
import type { Path, SourceFile } from "./source.js";

const HEX64 = /^(0x)?[0-9a-fA-F]{64}$/;
const BIP39 = new Set(wordlist);
const MNEMONIC_LENGTHS = new Set([12, 15, 18, 21, 24]);

/**
 * Finds secrets written inline in config: private keys, mnemonics, credentials in URLs.
 * They are refused before anything else runs, and the message never repeats the value.
 */
export function findInlineSecrets(source: SourceFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (path: Path, code: string, message: string, hint: string) =>
    found.push({ file: source.file, ...source.locate(path), severity: "error", code, message, hint });

  visit(source.doc.contents as Node | null, [], (value, path) => {
    const key = String(path.at(-1) ?? "");
    const where = path.join(".");
    if (typeof value !== "string") return;
    if (SECRET_KEY_NAME.test(key) && value.length > 0) {
      report(
        path,
        "inline-secret",
        `${where} holds a secret inline`,
        path[0] === "accounts" && /private[_-]?key|mnemonic|seed/i.test(key)
          ? `Never commit secrets: write \`signer: { env: ${envName(String(path[1]))}_KEY }\` instead and set that variable where w3o runs (then rotate this key).`
          : `Never commit secrets: write \`${key}: { env: ${envName(key)} }\` and set that variable where w3o runs.`,
      );
    } else if (HEX64.test(value) && path[0] === "accounts") {
      report(
        path,
        "inline-private-key",
        `${where} looks like a private key`,
        "Private keys never go in git: use signer: { env: DEPLOYER_KEY } or an encrypted keystore.",
      );
    } else if (isMnemonic(value)) {
      report(
        path,
        "inline-mnemonic",
        `${where} holds a BIP-39 mnemonic`,
        "Remove it from the repo, rotate the wallet, and load keys from the environment or a keystore.",
      );
    } else if (urlHasCredentials(value)) {
      report(path, "url-with-credentials", `${where} is a URL with credentials (${redactUrl(value)})`, urlHint(source, path));
    }
  });
  return found;
}

/**
 * Every value in a config file that no diagnostic may repeat: 32-byte hex strings (private keys
 * look like that, and so may a key pasted into any field), values of secret-named keys,
 * mnemonics, and the credentials of URLs. Read from the text too, so a file that does not
 * parse is covered; the redaction in src/errors/redact.ts replaces each one.
 */
export function secretsIn(text: string, source?: SourceFile): string[] {
  const out = new Set<string>();
  const scan = (value: string) => {
    for (const hex of value.match(HEX_RUN) ?? []) out.add(hex);
    for (const url of value.match(URL_TOKEN) ?? []) for (const part of urlCredentials(url)) out.add(part);
    if (isMnemonic(value)) out.add(value.trim());
  };
  scan(text);
  if (source) {
    visitYaml(source.doc, {
      Scalar(_, node) {
        if (typeof node.value === "string") scan(node.value);
      },
    });
    visit(source.doc.contents as Node | null, [], (value, path) => {
      if (typeof value === "string" && SECRET_KEY_NAME.test(String(path.at(-1) ?? ""))) out.add(value);
    });
  }
  return [...out];
}

const HEX_RUN = /[0-9a-fA-F]{64,}/g;
const URL_TOKEN = /\b(?:https?|wss?):\/\/[^\s"'<>,\]}]+/gi;

/** The URL and the parts of it that are credentials, when it has any. */
function urlCredentials(raw: string): string[] {
  if (!urlHasCredentials(raw)) return [];
  const url = new URL(raw);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const parts = [raw, url.username, url.password, ...url.searchParams.values(), ...url.pathname.split("/").filter(isKeyLike)];
  return [...new Set(parts.flatMap((p) => [p, decode(p)]))].filter((p) => p.length > 0);
}

const isKeyLike = (seg: string) => /^[A-Za-z0-9_-]{16,}$/.test(seg) && /\d/.test(seg);

/** A URL with credentials beside an `env:` goes in that variable; elsewhere, in a new one. */
function urlHint(source: SourceFile, path: Path): string {
  const env = path.at(-1) === "default" ? source.doc.getIn([...path.slice(0, -1), "env"]) : undefined;
  // An env that is not a variable name may itself be a secret, and is not repeated.
  return typeof env === "string" && ENV_NAME.test(env)
    ? `Set ${env} to this URL where w3o runs, and delete \`default:\` here (then rotate the key it carries).`
    : "Put the URL in an environment variable and reference it: rpc: { env: MAINNET_RPC_URL }.";
}

function visit(node: Node | null | undefined, path: (string | number)[], fn: (value: unknown, path: Path) => void): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key)) visit(pair.value as Node, [...path, String(pair.key.value)], fn);
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) visit(item as Node, [...path, i], fn);
  } else if (isScalar(node)) {
    fn(node.value, path);
  }
}

function isMnemonic(value: string): boolean {
  const words = value.trim().split(/\s+/);
  return MNEMONIC_LENGTHS.has(words.length) && words.every((w) => BIP39.has(w.toLowerCase()));
}

/** True for URLs with userinfo, key-like query parameters, or a provider API key in the path. */
export function urlHasCredentials(value: string): boolean {
  if (!/^(https?|wss?):\/\//i.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return true;
  if ([...url.searchParams.keys()].some((k) => /key|token|secret|auth|pass/i.test(k))) return true;
  return url.pathname.split("/").some((seg) => /^[A-Za-z0-9_-]{20,}$/.test(seg) && /\d/.test(seg) && /[A-Za-z]/.test(seg));
}

const envName = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]/g, "_")
    .toUpperCase();
