/** One or two command lines per command, shown at the end of its --help. */
export const EXAMPLES: Record<string, string[]> = {
  init: ["w3o init acme-infra && cd acme-infra && w3o validate && w3o up", "w3o init . --project acme"],
  up: ["w3o up", "w3o up infra --keep"],
  validate: ["w3o validate", "w3o validate infra --json"],
  plan: ["w3o plan --env dev", "w3o plan infra --env prod --json"],
  apply: ["w3o apply --env dev --yes", "w3o apply infra --env prod --json"],
  unlock: ["w3o unlock --env prod"],
  audit: ["w3o audit --base origin/main", "w3o audit --format sarif --out w3o.sarif"],
  compliance: ["w3o compliance report --out audit/"],
  recommend: ["w3o recommend", "w3o recommend --use-case use-case.yaml --json"],
  render: ["w3o render --env prod --out out/", "w3o render --env prod --diff --base origin/main"],
  verify: ["w3o verify --env dev", "w3o verify infra --env prod --json"],
  devnet: ["w3o devnet", "w3o devnet --json"],
  schema: ["w3o schema --out schema"],
};

export const examplesHelp = (lines: readonly string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
