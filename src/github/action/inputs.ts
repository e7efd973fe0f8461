import * as core from "@actions/core";
import { severities } from "../../config/schema/policy.js";
import { BaseError } from "../../errors/BaseError.js";
import type { Severity } from "../../policy/schema.js";

export class ActionInputError extends BaseError {
  override name = "ActionInputError";
}

/** The `with:` of the step, as action.yml declares it. */
export type ActionInputs = {
  /** The infra repo (folder with w3o.yaml) inside the workspace. */
  path: string;
  /** Environments to plan; absent: those the PR touches. */
  environments?: string[];
  failOn?: Severity;
  token: string;
  comment: boolean;
};

const list = (raw: string) =>
  raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads and checks the inputs (`INPUT_*` variables, through @actions/core); a wrong value stops before any call. */
export function readInputs(): ActionInputs {
  const failOn = core.getInput("fail-on");
  if (failOn && !(severities as readonly string[]).includes(failOn)) {
    throw new ActionInputError(`fail-on: "${failOn}" is not a severity`, { hint: `Use one of ${severities.join(", ")}.` });
  }
  const token = core.getInput("github-token");
  if (!token) {
    throw new ActionInputError("github-token is empty", {
      hint: "Leave it unset (the default is the workflow's GITHUB_TOKEN) or pass a token with checks and pull-requests write.",
    });
  }
  const environments = list(core.getInput("environments"));
  return {
    path: core.getInput("path") || ".",
    ...(environments.length ? { environments } : {}),
    ...(failOn ? { failOn: failOn as Severity } : {}),
    token,
    comment: core.getInput("comment") ? core.getBooleanInput("comment") : true,
  };
}

/** The comment commands' prefix (`command-prefix`); read before the other inputs, as a comment may not be a command. */
export function readCommandPrefix(): string | undefined {
  return core.getInput("command-prefix").trim() || undefined;
}
