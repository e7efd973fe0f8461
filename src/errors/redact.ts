/**
 * Strips credentials before a string can reach a log, a PR comment, an issue or an error.
 * RPC URLs often carry API keys in userinfo, in the path (Infura, Alchemy) or in the query.
 */
// A URL ends at whitespace, a quote, a bracket or an escape: coloured terminal text closes a colour right after it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC of an ANSI colour code is what it must stop at.
const URL_RE = /\b((?:https?|wss?):\/\/)([^\s"'<>\u001b]+)/gi;

export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = "***";
    url.password = "";
    changed = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    url.searchParams.set(key, "***");
    changed = true;
  }
  // Path segments of 16+ mixed characters are API keys in every provider we know of.
  const segments = url.pathname.split("/");
  const masked = segments.map((seg) => (/^[A-Za-z0-9_-]{16,}$/.test(seg) && /\d/.test(seg) ? "***" : seg));
  if (masked.some((seg, i) => seg !== segments[i])) {
    url.pathname = masked.join("/");
    changed = true;
  }
  return changed ? url.toString().replace(/%2A/g, "*") : raw;
}

/**
 * Redacts every known secret value (signer keys, passwords read from the environment)
 * and the credentials inside any URL. Known values are passed in rather than guessed:
 * 32-byte hex strings are also tx hashes, code hashes and storage slots.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join("***");
  }
  return out.replace(URL_RE, (match) => redactUrl(match));
}
