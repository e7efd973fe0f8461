/** The audit output formats by name, without their code: `w3o --help` lists them without loading them. */
export const formatNames = ["text", "json", "sarif", "markdown"] as const;
export type FormatName = (typeof formatNames)[number];
