import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";

/** The default comment prefix; the operator may choose another (`W3O_COMMAND_PREFIX`). */
export const DEFAULT_PREFIX = "/w3o";

const withEnv = ["plan", "apply", "drift", "unlock"] as const;
const bare = ["audit", "recommend", "help"] as const;
export const COMMAND_NAMES = [...withEnv, ...bare] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Commands that change something: they need write permission and the environment's allow-list. */
export const CHANGING: ReadonlySet<CommandName> = new Set(["apply", "unlock"]);

/** An environment name as w3o.yaml allows it; anything else is not an environment and is not guessed at. */
const envName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/);

export const commandSchema = z.discriminatedUnion("name", [
  z.strictObject({ name: z.enum(withEnv), env: envName.optional() }),
  z.strictObject({ name: z.enum(bare) }),
]);
export type Command = z.infer<typeof commandSchema>;

/** The environment a command names, if it takes one and was given one. */
export const commandEnv = (c: Command): string | undefined => ("env" in c ? c.env : undefined);

/** The command as a reader would type it after the prefix: `apply prod`. */
export const commandText = (c: Command): string => [c.name, commandEnv(c)].filter(Boolean).join(" ");

export type ParseResult =
  /** No line starts with the prefix outside code and quotes: the comment is not for w3o. */
  | { kind: "none" }
  | { kind: "command"; command: Command; line: string }
  /** The prefix, then something that is not a command: the help text, with the nearest command if close. */
  | { kind: "unknown"; line: string; word: string; suggestion?: CommandName }
  /** A known command with arguments it does not take (two environments, a flag, a bad name). */
  | { kind: "bad-arguments"; line: string; name: CommandName; reason: string };

/** Edits at most this far from a command count as a typo of it (`paln` → plan, `aply` → apply). */
const TYPO_DISTANCE = 2;

/** The lines of a comment a human typed as prose: outside fenced code blocks, indented code and `>` quotes. */
export function proseLines(body: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const raw of body.replace(/\r\n?/g, "\n").split("\n")) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (open?.[1] && open[1][0] === fence[0] && open[1].length >= fence.length && raw.trim() === open[1]) fence = undefined;
      continue;
    }
    if (open?.[1]) {
      fence = open[1];
      continue;
    }
    // Four spaces or a tab is an indented code block; `>` is a quote of someone else's words.
    if (/^( {4}|\t)/.test(raw) || /^ {0,3}>/.test(raw)) continue;
    out.push(raw.trim());
  }
  return out;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The one command of a comment: the first prose line that starts with the prefix (a word of its own).
 * Pure; the comment's other lines are free text. A prefix inside inline code (`` `/w3o plan` ``) does not
 * start its line, so it is never a command either.
 */
export function parseComment(body: string, prefix: string = DEFAULT_PREFIX): ParseResult {
  const starts = new RegExp(`^${escapeRegex(prefix)}(?:\\s|$)`, "i");
  const line = proseLines(body).find((l) => starts.test(l));
  if (line === undefined) return { kind: "none" };
  const [word = "", ...args] = line.slice(prefix.length).trim().split(/\s+/).filter(Boolean);
  const name = word.toLowerCase();
  if (!(COMMAND_NAMES as readonly string[]).includes(name)) {
    const near = name ? closest(name, [...COMMAND_NAMES]) : undefined;
    const suggestion = near && distance(name, near) <= TYPO_DISTANCE ? (near as CommandName) : undefined;
    return { kind: "unknown", line, word, ...(suggestion ? { suggestion } : {}) };
  }
  const known = name as CommandName;
  const takesEnv = (withEnv as readonly string[]).includes(known);
  if (args.length > (takesEnv ? 1 : 0)) {
    const reason = takesEnv ? `takes at most one environment; got ${args.join(" ")}` : `takes no arguments; got ${args.join(" ")}`;
    return { kind: "bad-arguments", line, name: known, reason };
  }
  const parsed = commandSchema.safeParse(takesEnv && args[0] ? { name: known, env: args[0] } : { name: known });
  if (!parsed.success) return { kind: "bad-arguments", line, name: known, reason: `\`${args[0]}\` is not an environment name` };
  return { kind: "command", command: parsed.data, line };
}

export type EnvironmentCheck = { ok: true } | { ok: false; message: string };

/** Whether the command's environment is one of the repo's; if not, the list (and the nearest, if close). */
export function checkEnvironment(command: Command, environments: readonly string[]): EnvironmentCheck {
  const env = commandEnv(command);
  if (env === undefined || environments.includes(env)) return { ok: true };
  const list = environments.length ? environments.map((e) => `\`${e}\``).join(", ") : "none";
  const near = environments.length ? closest(env, [...environments]) : undefined;
  const guess = near && distance(env, near) <= TYPO_DISTANCE ? ` Did you mean \`${near}\`?` : "";
  return { ok: false, message: `There is no environment \`${env}\` in w3o.yaml.${guess} Environments: ${list}.` };
}

const USAGE: Record<CommandName, string> = {
  plan: "re-runs the review (plan, audit, report) for ENV, or for the environments the PR touches",
  apply: "applies ENV from this PR (write permission, the environment's allow-list and `requires`, its lock)",
  drift: "compares ENV's live state with the repo",
  unlock: "releases this PR's lock of ENV and a stale apply lease (write permission and the environment's allow-list)",
  audit: "replies with the audit of the PR's head",
  recommend: "replies with the chain recommendation for the repo's use case",
  help: "this list",
};

/** The help text: every command with what it does; commands in code blocks or quotes are not run. */
export function helpText(prefix: string = DEFAULT_PREFIX): string {
  const rows = COMMAND_NAMES.map((n) => {
    const args = (withEnv as readonly string[]).includes(n) ? " [ENV]" : "";
    return `| \`${prefix} ${n}${args}\` | ${USAGE[n]} |`;
  });
  return [
    "| Command | What it does |",
    "| --- | --- |",
    ...rows,
    "",
    `One command per comment, on a line of its own that starts with \`${prefix}\`; commands in code blocks or quotes, and edited comments, are not run.`,
  ].join("\n");
}
