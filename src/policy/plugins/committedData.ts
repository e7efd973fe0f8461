import type { PluginOutput, PolicyInput } from "../types.js";

const DATABASE = /\.(sqlite3?|db|db-wal|db-shm|sql\.gz|dump)$/i;

/** Database files committed to the repo: history and analytics stores hold personal data and belong elsewhere. */
export async function committedDataPlugin(input: PolicyInput): Promise<PluginOutput> {
  const out: PluginOutput = { failures: [], checked: [] };
  for (const f of input.files ?? []) {
    const location = { file: f.path, line: 1, col: 1 };
    if (DATABASE.test(f.path))
      out.failures.push({ resource: f.path, location, path: "file", message: `${f.path} is a database file committed to the repository` });
  }
  if ((input.files ?? []).length > 0) out.checked.push({ resource: "repository", location: { file: "w3o.yaml", line: 1, col: 1 } });
  return out;
}
