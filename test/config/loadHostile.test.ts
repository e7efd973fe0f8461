import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError, type Diagnostic, formatDiagnostic } from "../../src/config/diagnostics.js";
import { loadRepo } from "../../src/config/load.js";
import { BaseError } from "../../src/errors/index.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { type Mutation, mutate, mutation } from "../helpers/configMutations.js";

// Random hostile edits of a copy of examples/infra: wrong types, unknown keys, deleted keys and
// files, renamed resources (so references dangle), and private keys or credential URLs planted
// in any string field, any env: field and any key, and tokens of no known format in env: fields. W3O_LOADER_RUNS and W3O_LOADER_SEED replay
// more or other cases; the defaults keep this file well under a minute on two cores.
const RUNS = Number(process.env.W3O_LOADER_RUNS ?? 200);
const CLI_RUNS = Number(process.env.W3O_LOADER_CLI_RUNS ?? 2);
const SEED = Number(process.env.W3O_LOADER_SEED ?? 20261202);
const EXAMPLE = path.join(ROOT, "examples/infra");

let original: Record<string, string>;
beforeAll(async () => {
  const entries = await readdir(EXAMPLE, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(EXAMPLE, path.join(e.parentPath, e.name)));
  original = Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(EXAMPLE, f), "utf8")] as const)));
});

const mutations = () => fc.array(mutation(Object.keys(original).length), { minLength: 1, maxLength: 6 });

/** Writes a mutated copy of the example to a new temporary folder. */
async function hostileRepo(list: Mutation[]) {
  const { files, secrets } = mutate(original, list);
  const dir = await mkdtemp(path.join(os.tmpdir(), "w3o-hostile-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return { dir, files, secrets };
}

const leaked = (text: string, secrets: string[]) => secrets.filter((s) => text.includes(s));

/** Located in a file of the repo, at a line that file has. */
function misplaced(d: Diagnostic, files: Record<string, string>): string | undefined {
  if (typeof d.file !== "string" || d.file === "" || path.isAbsolute(d.file)) return `no repo file: ${d.file}`;
  if (!Number.isInteger(d.line) || d.line < 1 || !Number.isInteger(d.col) || d.col < 1) return `no line:col: ${d.line}:${d.col}`;
  const text = files[d.file];
  if (text !== undefined && d.line > text.split("\n").length) return `line ${d.line} past the end of ${d.file}`;
  return undefined;
}

describe("the loader on hostile edits of examples/infra", () => {
  it(
    "returns located, redacted diagnostics and throws nothing but typed errors",
    async () => {
      const seen = { runs: 0, diagnostics: 0, withError: 0, secrets: 0, redacted: 0, codes: new Map<string, number>() };
      await fc.assert(
        fc.asyncProperty(mutations(), async (list) => {
          const { dir, files, secrets } = await hostileRepo(list);
          try {
            let diagnostics: Diagnostic[];
            try {
              diagnostics = (await loadRepo(dir)).diagnostics;
            } catch (error) {
              expect(error).toBeInstanceOf(BaseError);
              expect(leaked(String((error as BaseError).message), secrets)).toEqual([]);
              return;
            }
            expect(diagnostics.map((d) => misplaced(d, files)).filter(Boolean)).toEqual([]);
            expect(leaked(JSON.stringify(diagnostics), secrets)).toEqual([]);
            expect(leaked(diagnostics.map(formatDiagnostic).join("\n"), secrets)).toEqual([]);
            if (diagnostics.length) expect(leaked(new ConfigError(diagnostics).message, secrets)).toEqual([]);
            seen.runs++;
            seen.diagnostics += diagnostics.length;
            seen.secrets += secrets.length;
            if (diagnostics.some((d) => d.severity === "error")) seen.withError++;
            seen.redacted += diagnostics.filter((d) => `${d.message} ${d.hint}`.includes("***")).length;
            for (const d of diagnostics) seen.codes.set(d.code, (seen.codes.get(d.code) ?? 0) + 1);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      console.log(
        `${seen.runs} hostile repos, ${seen.withError} with errors, ${seen.diagnostics} diagnostics (${seen.redacted} redacted), ${seen.secrets} secrets planted:`,
        Object.fromEntries(seen.codes),
      );
      // The edits must reach the checks they are meant to exercise, or the property proves little.
      for (const code of ["invalid-type", "unknown-key", "missing-key", "missing-reference", "file-missing", "url-with-credentials"]) {
        expect(seen.codes.get(code) ?? 0, code).toBeGreaterThan(0);
      }
      expect(seen.redacted, "diagnostics that quoted a planted secret, redacted").toBeGreaterThan(0);
    },
    60_000 + RUNS * 1000,
  );

  it("prints no planted secret through w3o validate and validate --json, and names file:line", async () => {
    const cases = fc.sample(
      mutations().filter((list) => list.some((m) => m.kind === "plant")),
      { numRuns: CLI_RUNS, seed: SEED },
    );
    for (const list of cases) {
      const { dir, secrets } = await hostileRepo(list);
      try {
        const text = runCli(["validate", dir]);
        expect(leaked(text.stdout + text.stderr, secrets)).toEqual([]);
        const json = runCli(["validate", "--json", dir]);
        expect(leaked(json.stdout + json.stderr, secrets)).toEqual([]);
        if (json.code !== 0) {
          const { diagnostics } = JSON.parse(json.stdout) as { diagnostics: Diagnostic[] };
          expect(diagnostics.length).toBeGreaterThan(0);
          for (const d of diagnostics) expect(text.stdout + text.stderr).toContain(`${d.file}:${d.line}:${d.col}`);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 300_000);
});
