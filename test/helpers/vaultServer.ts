import { localService } from "./localService.js";

/**
 * The subset of Vault's HTTP API the vault signer uses, as Vault defines it: KV v2 reads at
 * `GET /v1/<mount>/data/<path>[?version=N]`, the token in `X-Vault-Token`, the secret under `data.data`
 * beside `data.metadata`, errors as `{ "errors": [...] }` (403 "permission denied" for a bad token,
 * 404 with an empty list for no secret). Secrets are keyed by "<mount>/<path>", each with its versions.
 */
export async function vaultServer(token: string, secrets: Record<string, Record<string, unknown>[]>) {
  return localService((req) => {
    if (req.headers["x-vault-token"] !== token) return { status: 403, body: { errors: ["permission denied"] } };
    const url = new URL(req.path, "http://vault");
    const m = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(url.pathname);
    if (req.method !== "GET" || !m) return { status: 405, body: { errors: [`unsupported operation`] } };
    // A proxy in front of Vault that quotes the request's token back in its error: what redaction is for.
    if (m[2] === "leaky") return { status: 502, body: { errors: [`upstream refused token ${token}`] } };
    const versions = secrets[`${m[1]}/${m[2]}`];
    const version = Number(url.searchParams.get("version") ?? versions?.length ?? 0);
    const data = versions?.[version - 1];
    if (!data) return { status: 404, body: { errors: [] } };
    return {
      status: 200,
      body: {
        request_id: "8f8e1b5a-0000-0000-0000-000000000000",
        lease_id: "",
        renewable: false,
        lease_duration: 0,
        data: { data, metadata: { created_time: "2026-01-01T00:00:00Z", deletion_time: "", destroyed: false, version } },
        wrap_info: null,
        warnings: null,
        auth: null,
      },
    };
  });
}
