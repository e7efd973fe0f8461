/*
 * The names policy config accepts, kept free of zod so that `w3o --help` (which lists them as
 * choices) does not load the schema library.
 */
export const policyPacks = ["security", "iso27001", "gdpr", "nist-csf", "governance"] as const;
export const severities = ["info", "low", "medium", "high", "critical"] as const;
