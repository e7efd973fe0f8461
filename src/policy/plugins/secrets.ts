import { wordlist } from "@scure/bip39/wordlists/english.js";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { urlHasCredentials } from "../../config/inlineSecrets.js";
import type { PluginOutput, PolicyInput, Where } from "../types.js";

/** One secret found in a text: where it is and what kind, never the value. */
export type SecretHit = { line: number; col: number; endLine: number; kind: string; label: string };

const BIP39 = new Set(wordlist);
const MNEMONIC_LENGTHS = [24, 21, 18, 15, 12];
const HEX64 = /(?<![0-9a-fA-F])(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
// Words that say a 32-byte value is a key rather than a hash, a slot or a constant.
const KEY_CONTEXT = /(priv(ate)?[_\s-]?key|secret|signer|signing|wallet|mnemonic|deployer[_\s-]?key|\bpk\b|_KEY\b|KEY=)/i;
const NOT_KEY_CONTEXT =
  /(hash|tx|transaction|slot|storage|root|code|salt|topic|bytes32|block|genesis|selector|digest|checksum|keccak|sha256|commitment)/i;
const URL_RE = /\b(?:https?|wss?):\/\/[^\s"'<>`)]+/g;

const secretlintConfig = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

/** Scans one text with secretlint's recommended rules and the Ethereum rules below. */
export async function scanText(file: string, text: string, opts: { allowedKeystores?: ReadonlySet<string> } = {}): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  const ext = file.includes(".") ? `.${file.split(".").pop()}` : "";
  const result = await lintSource({
    source: { content: text, filePath: file, ext, contentType: "text" },
    options: { config: secretlintConfig, maskSecrets: true, noPhysicFilePath: true },
  });
  for (const m of result.messages) {
    // secretlint's own message quotes the secret (masked or not): we build ours from its rule id only.
    hits.push({
      line: m.loc.start.line,
      col: m.loc.start.column + 1,
      endLine: m.loc.end.line,
      kind: m.messageId ?? m.ruleId,
      label: labelOf(m.ruleId),
    });
  }
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    for (const m of line.matchAll(HEX64)) {
      const before = line.slice(0, m.index);
      const context = `${lines[i - 1] ?? ""} ${before}`;
      if (KEY_CONTEXT.test(context) && !NOT_KEY_CONTEXT.test(before)) {
        hits.push({
          line: i + 1,
          col: (m.index ?? 0) + 1,
          endLine: i + 1,
          kind: "ETH_PRIVATE_KEY",
          label: "an Ethereum private key (64 hex digits)",
        });
      }
    }
    const mnemonicCol = findMnemonic(line);
    if (mnemonicCol) hits.push({ line: i + 1, col: mnemonicCol, endLine: i + 1, kind: "BIP39_MNEMONIC", label: "a BIP-39 mnemonic" });
    for (const m of line.matchAll(URL_RE)) {
      if (urlHasCredentials(m[0]))
        hits.push({
          line: i + 1,
          col: (m.index ?? 0) + 1,
          endLine: i + 1,
          kind: "RPC_URL_CREDENTIALS",
          label: "a URL carrying an API key or password",
        });
    }
  }
  if (isKeystore(text) && !opts.allowedKeystores?.has(file)) {
    hits.push({ line: 1, col: 1, endLine: lines.length, kind: "ETH_KEYSTORE", label: "an Ethereum keystore that no account declares" });
  }
  return dedupe(hits);
}

const labelOf = (ruleId: string) => `a secret (${ruleId.replace("@secretlint/secretlint-rule-", "")})`;

/** Column of the first run of 12–24 consecutive BIP-39 words, if any. */
function findMnemonic(line: string): number | undefined {
  const words = [...line.matchAll(/[a-z]+/g)];
  for (let start = 0; start < words.length; start++) {
    for (const n of MNEMONIC_LENGTHS) {
      const run = words.slice(start, start + n);
      if (run.length < n || !run.every((w) => BIP39.has(w[0]))) continue;
      // Consecutive means separated by whitespace only, as a phrase is written.
      const contiguous = run.every(
        (w, k) => k === 0 || /^\s+$/.test(line.slice((run[k - 1]?.index ?? 0) + (run[k - 1]?.[0].length ?? 0), w.index)),
      );
      if (contiguous) return (run[0]?.index ?? 0) + 1;
    }
  }
  return undefined;
}

export function isKeystore(text: string): boolean {
  if (!/ciphertext/.test(text)) return false;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const crypto = (json.crypto ?? json.Crypto) as Record<string, unknown> | undefined;
    return Boolean(crypto && "ciphertext" in crypto && "kdf" in crypto);
  } catch {
    return false;
  }
}

function dedupe(hits: SecretHit[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.line}:${h.kind}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Keystore files the repo declares for its signers: expected, and protected by the permissions rule instead. */
export function declaredKeystores(input: PolicyInput): Set<string> {
  const out = new Set<string>();
  for (const a of Object.values(input.model.accounts)) {
    const signers = [a.signer, ...Object.values(a.environments ?? {}).map((e) => e.signer)];
    for (const s of signers) if (s && "keystore" in s) out.add(s.keystore.replace(/^\.\//, ""));
  }
  return out;
}

export async function secretsPlugin(input: PolicyInput, options: Record<string, unknown>): Promise<PluginOutput> {
  const out: PluginOutput = { failures: [], checked: [] };
  const allowedKeystores = declaredKeystores(input);
  const report = (file: string, hits: SecretHit[], toLine: (l: number) => number) => {
    const counts = new Map<string, number>();
    for (const h of hits) {
      const n = (counts.get(h.kind) ?? 0) + 1;
      counts.set(h.kind, n);
      const location: Where = { file, line: toLine(h.line), col: h.col, endLine: toLine(h.endLine) };
      out.failures.push({ resource: file, location, path: `${h.kind}#${n}`, message: `${file} contains ${h.label} (value redacted)` });
    }
  };
  if (options.scope === "diff") {
    for (const d of input.diff ?? []) {
      const text = d.added.map((a) => a.text).join("\n");
      const hits = await scanText(d.path, text, { allowedKeystores });
      report(d.path, hits, (l) => d.added[l - 1]?.line ?? l);
      out.checked.push({ resource: d.path, location: { file: d.path, line: 1, col: 1 } });
    }
  } else {
    for (const f of input.files ?? []) {
      if (f.content === undefined) continue;
      report(f.path, await scanText(f.path, f.content, { allowedKeystores }), (l) => l);
      out.checked.push({ resource: f.path, location: { file: f.path, line: 1, col: 1 } });
    }
  }
  return out;
}
