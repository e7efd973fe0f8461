import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { BaseError } from "../errors/index.js";
import { type DeploymentRecord, deploymentRecord, recordPath } from "./record.js";

export class RecordError extends BaseError {
  override name = "RecordError";
}

/** Reads `deployments/<env>/<network>.json`; undefined when nothing was deployed there yet. */
export async function readRecord(dir: string, environment: string, network: string): Promise<DeploymentRecord | undefined> {
  const rel = recordPath(environment, network);
  let text: string;
  try {
    text = await readFile(path.join(dir, rel), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new RecordError(`cannot read ${rel}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RecordError(`${rel} is not valid JSON`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: "Deployment records are written by w3o apply; restore it from git (git checkout -- the file) rather than editing it by hand.",
    });
  }
  const parsed = deploymentRecord.safeParse(json);
  if (!parsed.success) {
    throw new RecordError(`${rel} does not match the deployment record schema`, {
      metaMessages: parsed.error.issues.map((i) => `${rel}: ${i.path.join(".") || "(root)"}: ${i.message}`),
      hint: "Restore it from git; records are written by w3o apply.",
    });
  }
  if (parsed.data.environment !== environment || parsed.data.network !== network) {
    throw new RecordError(`${rel} says it is the record of ${parsed.data.environment}/${parsed.data.network}`, {
      hint: "A record was copied to the wrong place; move it back, or restore it from git.",
    });
  }
  return parsed.data;
}

export async function readRecords(
  dir: string,
  environment: string,
  networks: string[],
): Promise<Record<string, DeploymentRecord | undefined>> {
  const all = await Promise.all(networks.map((n) => readRecord(dir, environment, n)));
  return Object.fromEntries(networks.map((n, i) => [n, all[i]]));
}

/** Writes a record atomically (temp file + rename), contracts sorted by name so diffs in git stay small. */
export async function writeRecord(dir: string, record: DeploymentRecord): Promise<string> {
  const valid = deploymentRecord.parse(record);
  const sorted = {
    ...valid,
    contracts: Object.fromEntries(
      Object.keys(valid.contracts)
        .sort()
        .map((k) => [k, valid.contracts[k]]),
    ),
  };
  const file = path.join(dir, recordPath(record.environment, record.network));
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  await rename(tmp, file);
  return file;
}

/**
 * Where apply puts the deployment records it writes, chosen by the caller: files in the checkout
 * today (fileRecordSink), a commit through git or the GitHub API for the faces that have no checkout.
 */
export type RecordSink = {
  /** Stores the record of `record.environment`/`record.network`; returns where it went, for messages (a file, a commit). */
  write(record: DeploymentRecord): Promise<string>;
};

/** Writes records as `deployments/<env>/<network>.json` under `dir` (the repo, or `w3o up`'s copy of it). */
export const fileRecordSink = (dir: string): RecordSink => ({ write: (record) => writeRecord(dir, record) });
