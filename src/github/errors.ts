import { BaseError } from "../errors/BaseError.js";

/** A report the adapter was asked to send is over one of GitHub's limits: the report shortens, not the adapter. */
export class GitHubLimitError extends BaseError {
  override name = "GitHubLimitError";
  constructor(what: string, length: number, limit: number) {
    super(`${what} is ${length} characters; GitHub accepts at most ${limit}`, {
      hint: "This is a bug in w3o: reports are shortened before they are sent. Please report it with the command that ran.",
    });
  }
}
