/** GitHub's limits (REST docs): a comment body 65,536 characters, a check run's summary and text 65,535 each. */
export const COMMENT_LIMIT = 65_536;
export const CHECK_TEXT_LIMIT = 65_535;
