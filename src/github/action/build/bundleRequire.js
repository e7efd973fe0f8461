// Stands in for `node:module` inside the Action's bundle (see buildAction.ts): the engine's createRequire
// calls get the packages esbuild bundled, and package files from vendor/ next to the bundle.
import { existsSync } from "node:fs";
import { createRequire as nodeCreateRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const vendor = path.join(here, "vendor");

// Each entry is a thunk: esbuild wraps CommonJS modules so they run on first require, as they would unbundled.
const bundled = {
  rlp: () => require("rlp"),
  secp256k1: () => require("secp256k1/elliptic"),
  "keccak/lib/keccak.js": () => require("keccak/lib/keccak.js"),
  "@openzeppelin/upgrades-core": () => require("@openzeppelin/upgrades-core"),
};

/** solc-js over the soljson the bundle ships for that version. */
function solc(id) {
  const version = id.slice("solc-".length);
  const file = path.join(here, "solc", `soljson-v${version}.cjs`);
  if (!existsSync(file)) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
  const wrapper = require("solc-0.8.28/wrapper.js");
  return (wrapper.default ?? wrapper)(nodeCreateRequire(import.meta.url)(file));
}

function vendored(id) {
  const file = path.join(vendor, id);
  if (existsSync(file)) return file;
  throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
}

export function createRequire(base) {
  const real = nodeCreateRequire(base);
  const req = (id) => {
    if (Object.hasOwn(bundled, id)) return bundled[id]();
    if (id.startsWith("solc-")) return solc(id);
    return real(id);
  };
  req.resolve = (id, options) => {
    try {
      return real.resolve(id, options);
    } catch (e) {
      try {
        return vendored(id);
      } catch {
        throw e;
      }
    }
  };
  return req;
}

export * from "node:module";
