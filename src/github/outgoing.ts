import { redact } from "../errors/redact.js";
import type { GitHubClient } from "./client.js";

/** One request the adapter sent, as tests and the per-event call budget count them. */
export type GitHubCall = { method: string; route: string };

/** Keys of octokit's request options that are not content (routing, auth, transport). */
const NOT_CONTENT = new Set(["method", "url", "baseUrl", "headers", "request", "mediaType"]);

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]));
  }
  return value;
}

/**
 * Every request leaving for GitHub passes here, whatever code built it: each string it carries goes through
 * the project's one redaction (known secret values, credentials in URLs), and the call is counted. Reports
 * are redacted where they are built too; this is the last gate, so that a new call site cannot forget it.
 */
export function guardOutgoing(octokit: GitHubClient, secrets: readonly string[] = []): { calls: GitHubCall[] } {
  const calls: GitHubCall[] = [];
  octokit.hook.before("request", (options) => {
    // Route templates for most calls; pagination asks for absolute URLs, counted by their path.
    calls.push({ method: options.method, route: /^https?:/.test(options.url) ? new URL(options.url).pathname : options.url });
    const record = options as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (!NOT_CONTENT.has(key)) record[key] = redactDeep(value, secrets);
    }
  });
  return { calls };
}
