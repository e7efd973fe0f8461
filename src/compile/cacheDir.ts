import os from "node:os";
import path from "node:path";

/** Where compile artifacts are cached: $W3O_CACHE_DIR, else $XDG_CACHE_HOME/w3o, else ~/.cache/w3o. */
export function cacheDir(): string {
  if (process.env.W3O_CACHE_DIR) return process.env.W3O_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "w3o");
}
