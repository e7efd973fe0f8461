/**
 * The one error type every w3o failure derives from, modelled on viem's BaseError:
 * a short message, optional details, extra lines of context, a hint that says what
 * to do next, and the cause chain. Messages never carry secrets: callers redact
 * before they build one (see `redact.ts`).
 */
export type BaseErrorParameters = {
  details?: string;
  metaMessages?: string[];
  hint?: string;
  cause?: unknown;
};

export class BaseError extends Error {
  override name = "W3oError";
  readonly shortMessage: string;
  readonly details?: string;
  readonly metaMessages: string[];
  readonly hint?: string;

  constructor(shortMessage: string, params: BaseErrorParameters = {}) {
    const lines = [shortMessage];
    if (params.metaMessages?.length) lines.push("", ...params.metaMessages);
    if (params.details) lines.push("", `Details: ${params.details}`);
    if (params.hint) lines.push(`Hint: ${params.hint}`);
    super(lines.join("\n"), params.cause === undefined ? undefined : { cause: params.cause });
    this.shortMessage = shortMessage;
    this.details = params.details;
    this.metaMessages = params.metaMessages ?? [];
    this.hint = params.hint;
  }

  /** Walks the cause chain and returns the first error the predicate accepts. */
  walk(fn: (err: unknown) => boolean): unknown {
    let err: unknown = this;
    while (err) {
      if (fn(err)) return err;
      err = err instanceof Error ? err.cause : undefined;
    }
    return undefined;
  }
}
