import { Wallet } from "ethers";
import { redact } from "../../errors/index.js";
import { SignerError } from "../errors.js";
import { localKey } from "../local.js";
import type { SignerKind } from "../types.js";
import { schema } from "./schema.js";

type KvData = { privateKey?: unknown; keystore?: unknown; password?: unknown };

/**
 * A key kept in Vault's KV v2 engine: `GET /v1/<mount>/data/<path>` with the token in `X-Vault-Token`,
 * the secret in the response's `data.data`. It holds `privateKey` (hex), or `keystore` (JSON v3, as a
 * string or an object) and its `password`. The key is then held in this process, like a keystore's:
 * Vault keeps it encrypted at rest, audits every read and scopes who may read it. Vault's transit engine
 * cannot do better for Ethereum: its signing keys are ed25519, NIST P-curves and RSA, no secp256k1.
 */
export const vault: SignerKind<typeof schema> = {
  kind: "vault",
  schema,
  describe: (spec) => `vault ${spec.vault.mount}/${spec.vault.path}`,
  async open(spec, ctx) {
    const v = spec.vault;
    const where = `vault ${v.mount}/${v.path}`;
    const address = v.address ?? ctx.env.VAULT_ADDR;
    if (!address) throw new SignerError(`${where}: no Vault address`, { hint: "Set VAULT_ADDR, or write vault: { address: https://… }." });
    const token = ctx.env[v.token.env]?.trim();
    if (!token) {
      throw new SignerError(`${where}: environment variable ${v.token.env} is not set`, {
        hint: `Export ${v.token.env} with a Vault token that may read ${v.mount}/data/${v.path} (e.g. from vault login, or your CI's Vault integration).`,
      });
    }
    const url = new URL(`v1/${v.mount}/data/${v.path}`, address.endsWith("/") ? address : `${address}/`);
    if (v.version) url.searchParams.set("version", String(v.version));
    const headers: Record<string, string> = { "X-Vault-Token": token, "X-Vault-Request": "true" };
    if (v.namespace) headers["X-Vault-Namespace"] = v.namespace;
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) }).catch((e: unknown) => {
      throw new SignerError(`${where}: cannot reach Vault at ${redact(address)}`, {
        details: redact(String((e as Error)?.cause ?? e), [token]),
      });
    });
    const body = (await res.json().catch(() => ({}))) as { data?: { data?: KvData }; errors?: string[] };
    if (!res.ok) {
      // Vault's error bodies are {"errors": [...]}: they say "permission denied", never the token.
      const errors = redact((body.errors ?? []).join("; "), [token]);
      throw new SignerError(`${where}: Vault answered ${res.status}${errors ? ` (${errors})` : ""}`, {
        hint:
          res.status === 404
            ? `No secret at ${v.mount}/data/${v.path}: check the path and that ${v.mount} is a KV v2 mount (vault kv get -mount=${v.mount} ${v.path}).`
            : `Check that the token in ${v.token.env} is valid and that its policy grants read on ${v.mount}/data/${v.path}.`,
      });
    }
    const data = body.data?.data ?? {};
    if (typeof data.privateKey === "string") {
      const raw = data.privateKey.trim();
      const key = raw.startsWith("0x") ? raw : `0x${raw}`;
      if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new SignerError(`${where}: privateKey is not 64 hex digits`);
      return localKey(key, [token, raw, key, key.slice(2)]);
    }
    if (data.keystore !== undefined && typeof data.password === "string") {
      const json = typeof data.keystore === "string" ? data.keystore : JSON.stringify(data.keystore);
      try {
        const wallet = await Wallet.fromEncryptedJson(json, data.password);
        return localKey(wallet.privateKey, [token, data.password, wallet.privateKey, wallet.privateKey.slice(2)]);
      } catch {
        // ethers' decryption errors can quote their inputs: the cause is dropped.
        throw new SignerError(`${where}: cannot decrypt the keystore with its password`, {
          hint: "The secret's keystore must be a JSON v3 keystore and password its password.",
        });
      }
    }
    throw new SignerError(`${where}: the secret has neither privateKey nor keystore and password`, {
      details: `its fields: ${Object.keys(data).join(", ") || "none"}`,
      hint: `Write it with: vault kv put -mount=${v.mount} ${v.path} privateKey=@key.txt (or keystore=@key.json password=…).`,
    });
  },
};
