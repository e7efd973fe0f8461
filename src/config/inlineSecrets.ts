import { wordlist } from "@scure/bip39/wordlists/english.js";
import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { redactUrl } from "../errors/index.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Path, SourceFile } from "./source.js";

const SECRET_KEY_NAME = /(private[_-]?key|secret|mnemonic|seed[_-]?phrase|password|api[_-]?key|(auth|access|api|bearer)[_-]?token)$/i;
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

/** A URL with credentials beside an `env:` goes in that variable; elsewhere, in a new one. */
function urlHint(source: SourceFile, path: Path): string {
  const env = path.at(-1) === "default" ? source.doc.getIn([...path.slice(0, -1), "env"]) : undefined;
  return typeof env === "string"
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
