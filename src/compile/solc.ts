import { createRequire } from "node:module";
import { BaseError } from "../errors/index.js";

const require = createRequire(import.meta.url);

/** The solc-js API we use. Each supported version is an npm dependency aliased `solc-<version>`. */
export type Solc = {
  version(): string;
  compile(input: string, callbacks?: { import: (path: string) => { contents?: string; error?: string } }): string;
};

export class CompilerNotInstalledError extends BaseError {
  override name = "CompilerNotInstalledError";
  constructor(version: string, cause: unknown) {
    super(`solc ${version} is not installed`, {
      hint: `w3o never downloads compilers at run time. Add it as a dependency: npm install solc-${version}@npm:solc@${version}`,
      cause,
    });
  }
}

const loaded = new Map<string, Solc>();

/** Loads the bundled compiler of exactly this version (loading soljson takes ~1 s, so it is kept). */
export function loadSolc(version: string): Solc {
  let solc = loaded.get(version);
  if (!solc) {
    try {
      solc = require(`solc-${version}`) as Solc;
    } catch (cause) {
      throw new CompilerNotInstalledError(version, cause);
    }
    loaded.set(version, solc);
  }
  return solc;
}
