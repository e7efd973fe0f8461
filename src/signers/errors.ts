import { BaseError } from "../errors/index.js";

/** A signer could not be created. Messages name the variable or file, never a key or password. */
export class SignerError extends BaseError {
  override name = "SignerError";
}
