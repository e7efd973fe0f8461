import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * @openzeppelin/upgrades-core, loaded on first use: with the ethereumjs code it pulls in it takes
 * ~100 ms to load, and only compiling a contract deployed behind a proxy or planning a proxy
 * upgrade needs it. It is CommonJS, so a synchronous require keeps the plan a plain function.
 */
export const upgradesCore = (): typeof import("@openzeppelin/upgrades-core") => require("@openzeppelin/upgrades-core");
