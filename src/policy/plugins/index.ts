import type { PluginOutput, PolicyInput, Suppression } from "../types.js";
import { committedDataPlugin } from "./committedData.js";
import { filePermissionsPlugin } from "./filePermissions.js";
import { inlineSuppressionsPlugin } from "./inlineSuppressions.js";
import { secretsPlugin } from "./secrets.js";

export type Plugin = {
  description: string;
  /** What the plugin needs: rules whose input is absent are reported as skipped. */
  needs: "files" | "diff" | "model";
  run: (input: PolicyInput, options: Record<string, unknown>, ctx: { suppressions: Suppression[] }) => Promise<PluginOutput>;
};

/** Rules that need code register here; a rule file names its plugin by key. */
export const plugins = {
  secrets: {
    description: "secretlint recommended rules plus Ethereum keys, mnemonics, keystores and RPC URLs with API keys",
    needs: "files",
    run: secretsPlugin,
  },
  "secrets-diff": {
    description: "the secrets scan over the lines the PR adds",
    needs: "diff",
    run: (input, options) => secretsPlugin(input, { ...options, scope: "diff" }),
  },
  "file-permissions": {
    description: "key files readable by everyone, data files marked executable",
    needs: "files",
    run: filePermissionsPlugin,
  },
  "committed-data": { description: "database files committed to the repository", needs: "files", run: committedDataPlugin },
  "inline-suppressions": { description: "inline suppressions where the org forbids them", needs: "model", run: inlineSuppressionsPlugin },
} satisfies Record<string, Plugin>;
