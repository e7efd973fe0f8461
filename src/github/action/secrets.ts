/** Names of variables whose values are credentials: the workflow maps its secrets into the step's environment. */
const SECRET_NAME = /TOKEN|SECRET|PASSW(OR)?D|PASSPHRASE|MNEMONIC|PRIVATE|(^|_)KEY$|API_?KEY|RPC_URL|CREDENTIAL|AUTH/i;

/**
 * The values of the environment that look secret, for the last gate before GitHub (`guardOutgoing`) and for
 * every report text. By name, not by value: a 32-byte hex value is as often a commit hash as a key.
 */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 8)
    .map(([, value]) => value as string);
  // Longest first, so a secret that contains another is replaced whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}
