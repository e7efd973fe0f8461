import type { PluginOutput, PolicyInput, RepoFile } from "../types.js";
import { declaredKeystores, isKeystore } from "./secrets.js";

const KEY_FILE = /(^|\/)(keystore[^/]*|UTC--[^/]+|[^/]*\.(key|pem|p12|pfx|jwk)|jwt[^/]*\.(hex|txt)|[^/]*secret[^/]*)$/i;
const DATA_FILE = /\.(json|ya?ml|md|txt|csv|sol|toml|ini|conf|pem|key|hex|sql|sqlite|db|lock)$/i;

export const isKeyFile = (f: RepoFile, declared: ReadonlySet<string>) =>
  declared.has(f.path) || KEY_FILE.test(f.path) || (f.content !== undefined && isKeystore(f.content));

/**
 * File modes in the repo: key material readable by every user on the machine, and data files
 * marked executable (a sign of a copied binary or a careless chmod -R).
 */
export async function filePermissionsPlugin(input: PolicyInput, options: Record<string, unknown>): Promise<PluginOutput> {
  const out: PluginOutput = { failures: [], checked: [] };
  const declared = declaredKeystores(input);
  for (const f of input.files ?? []) {
    if (f.mode === undefined) continue;
    const location = { file: f.path, line: 1, col: 1 };
    const mode = (f.mode & 0o777).toString(8).padStart(3, "0");
    if (options.check === "key-readable") {
      if (!isKeyFile(f, declared)) continue;
      out.checked.push({ resource: f.path, location });
      if (f.mode & 0o004) {
        out.failures.push({
          resource: f.path,
          location,
          path: "mode",
          message: `${f.path} holds key material and is world-readable (mode ${mode})`,
        });
      }
    } else if (options.check === "data-executable") {
      if (!DATA_FILE.test(f.path)) continue;
      out.checked.push({ resource: f.path, location });
      if (f.mode & 0o111)
        out.failures.push({
          resource: f.path,
          location,
          path: "mode",
          message: `${f.path} is a data file with executable bits set (mode ${mode})`,
        });
    }
  }
  return out;
}
