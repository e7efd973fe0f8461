import { z } from "zod";

/** Names of networks, nodes, contracts, accounts…: safe in YAML keys, k8s names and file paths. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
export const name = z.string().regex(NAME_PATTERN, "names start with a letter and use letters, digits, '-' or '_' (at most 63)");

/** A map keyed by resource name. */
export const namedMap = <T extends z.ZodType>(value: T) => z.record(name, value);

/** The names `env:` accepts. */
export const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** A secret is never written inline: it is the name of an environment variable. */
export const envRef = z
  .strictObject({ env: z.string().regex(ENV_NAME, "environment variable names are UPPER_SNAKE_CASE") })
  .describe("Read the value from this environment variable at run time.");

export const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address is 0x followed by 40 hex digits");

/** A duration such as 30s, 5m, 1h or 7d. */
export const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, "durations look like 500ms, 30s, 5m, 1h or 7d");

/** A Kubernetes resource quantity: 2, 500m, 16Gi, 2Ti. */
export const quantity = z
  .union([
    z.string().regex(/^\d+(\.\d+)?(m|k|Ki|Mi|Gi|Ti|Pi|M|G|T|P)?$/, "quantities look like 500m, 4, 16Gi or 2Ti"),
    z.number().positive(),
  ])
  .describe("A Kubernetes resource quantity, e.g. 500m, 4, 16Gi, 2Ti.");

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are written YYYY-MM-DD");

/** A reference to another resource's address: "${contracts.Token}" or "${accounts.treasury}". */
export const REFERENCE_RE = /\$\{(contracts|accounts)\.([A-Za-z][A-Za-z0-9_-]*)\}/g;
export const addressOrReference = z
  .string()
  .regex(
    /^(0x[0-9a-fA-F]{40}|\$\{(contracts|accounts)\.[A-Za-z][A-Za-z0-9_-]*\})$/,
    'give an address (0x…) or a reference such as "${contracts.Timelock}" or "${accounts.multisig}"',
  );
