import { devAccounts } from "../devnet/anvil.js";
import { envKeyInProduction } from "../signers/env/index.js";
import type { Diagnostic } from "./diagnostics.js";
import { isProdEnvironment, locate, type Model } from "./model.js";

/**
 * An account with a fixed `address` and a signer in the same environment has two answers to
 * "who is this account": references resolve to the address, while apply signs (and deploys) with
 * the signer's key. They must be the same account. Only devnet signers are checked: their keys are
 * public, so the address is known without reading the environment or unlocking a keystore.
 */
export function checkAccountSigners(model: Pick<Model, "accounts" | "files" | "origins">): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, acct] of Object.entries(model.accounts ?? {})) {
    // The defaults once, then each environment that overrides one of the two.
    const cases: [string | undefined, NonNullable<typeof acct.environments>[string] | undefined][] = [
      [undefined, undefined],
      ...Object.entries(acct.environments ?? {}),
    ];
    for (const [env, o] of cases) {
      const address = o?.address ?? acct.address;
      const signer = o?.signer ?? acct.signer;
      if (!address || !signer || !("devnet" in signer)) continue;
      const signs = devAccounts(signer.devnet + 1)[signer.devnet]?.address;
      if (!signs || signs.toLowerCase() === address.toLowerCase()) continue;
      const path = o?.signer
        ? ["environments", env as string, "signer"]
        : o?.address
          ? ["environments", env as string, "address"]
          : ["signer"];
      const where = env === undefined ? "" : ` in environment "${env}"`;
      out.push({
        ...locate(model, "accounts", name, path),
        severity: "warning",
        code: "signer-address-mismatch",
        message: `account "${name}"${where} has address ${address}, but its signer { devnet: ${signer.devnet} } signs as ${signs}`,
        hint: `References to accounts.${name} resolve to the address; transactions are signed by the signer. Set address to ${signs}, or drop one of the two.`,
      });
    }
  }
  return out;
}

/**
 * Raw keys in variables are refused in production environments unless the account says it accepts the
 * risk (`allowInProduction: true`): at validation, so the PR that adds one fails its check, and again
 * when apply opens the signer (signers/env).
 */
export function checkProductionKeys(model: Pick<Model, "accounts" | "environments" | "files" | "origins">): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const envName of Object.keys(model.environments ?? {})) {
    if (!isProdEnvironment(model, envName)) continue;
    for (const [name, acct] of Object.entries(model.accounts ?? {})) {
      const override = acct.environments?.[envName]?.signer;
      const signer = override ?? acct.signer;
      if (!signer || !("env" in signer) || signer.allowInProduction) continue;
      const e = envKeyInProduction(name, envName, signer.env);
      out.push({
        ...locate(model, "accounts", name, override ? ["environments", envName, "signer"] : ["signer"]),
        severity: "error",
        code: "env-key-in-production",
        message: e.shortMessage,
        hint: e.hint ?? "",
      });
    }
  }
  return out;
}
