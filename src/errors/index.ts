export { BaseError, type BaseErrorParameters } from "./BaseError.js";
export { redact, redactUrl } from "./redact.js";
