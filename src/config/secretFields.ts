import { ENV_NAME } from "./schema/common.js";

/** Keys whose value is a secret by name: a value written under one is refused as an inline secret. */
export const SECRET_KEY_NAME =
  /(private[_-]?key|secret|mnemonic|seed[_-]?phrase|password|api[_-]?key|(auth|access|api|bearer)[_-]?token)$/i;

/**
 * Fields whose wrong value may be a credential of a format no scan recognises (an `sk_live_…`
 * token pasted into `env:`, a URL with a key in `default:`): a diagnostic about one of them
 * names the field and what it must look like, never the value.
 */
const MAY_HOLD_SECRET = /^(env|default)$|url$|uri$|endpoint$|explorer$/i;

export const mayHoldSecret = (field: string) => MAY_HOLD_SECRET.test(field) || SECRET_KEY_NAME.test(field);

export { ENV_NAME };

/**
 * The diagnostic for an `env:` that is not a variable name. Such a value is most often the
 * secret itself, pasted where its variable's name goes, so it is not quoted back.
 */
export function notAVariableName(where: string): { message: string; hint: string } {
  return {
    message: `${where} is not the name of an environment variable`,
    hint:
      "`env:` names the variable that holds the value, in UPPER_SNAKE_CASE (letters, digits and _, not starting with a digit), such as DEPLOYER_KEY or MAINNET_RPC_URL. " +
      "If you wrote the value itself here, set it in a variable where w3o runs, put that variable's name here, and rotate the value if it is a secret.",
  };
}
