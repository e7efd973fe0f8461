import type { Command } from "commander";
import { register as apply } from "./apply.js";
import { register as audit } from "./audit.js";
import { register as compliance } from "./compliance.js";
import { register as devnet } from "./devnet.js";
import { register as init } from "./init.js";
import { register as plan } from "./plan.js";
import { register as recommend } from "./recommend.js";
import { register as render } from "./render.js";
import { register as schema } from "./schema.js";
import { register as unlock } from "./unlock.js";
import { register as up } from "./up.js";
import { register as validate } from "./validate.js";
import { register as verify } from "./verify.js";

/**
 * Every CLI command, in the order `w3o --help` lists them. One file per command; each imports the
 * engine inside its action, so that starting the CLI loads only what the command run needs
 * (test/cli/startup.test.ts holds the entry to commander and picocolors).
 */
export const commands: ((program: Command) => void)[] = [
  init,
  up,
  validate,
  plan,
  apply,
  unlock,
  audit,
  compliance,
  recommend,
  render,
  verify,
  devnet,
  schema,
];
