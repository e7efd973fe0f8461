import { BaseError } from "../errors/index.js";
import type { Signer } from "../signers/index.js";

/**
 * The accounts apply may send from, each opened only when it first has to sign: an account that could
 * act as an owner but sends nothing this run costs no keystore decryption, no KMS call, no password.
 * Which addresses are signable is known up front (plan checks senders against it); the keys are not.
 */
export class SignerPool {
  private readonly openers = new Map<string, () => Promise<Signer>>();
  private readonly opened = new Map<string, Promise<Signer>>();
  /** Secrets of the signers opened so far, redacted from every message: grows as signers open. */
  readonly secrets: string[] = [];

  /** A pool of signers already open (tests, and deployers apply had to open to learn their address). */
  static of(signers: Signer[]): SignerPool {
    const pool = new SignerPool();
    for (const s of signers) pool.add(s);
    return pool;
  }

  /** An account whose address is known and whose signer opens on first use. */
  lazy(address: string, open: () => Promise<Signer>): void {
    if (!this.has(address)) this.openers.set(address.toLowerCase(), open);
  }

  add(signer: Signer): void {
    const key = signer.address.toLowerCase();
    this.openers.set(key, async () => signer);
    this.opened.set(key, Promise.resolve(signer));
    this.secrets.push(...signer.secrets);
  }

  has(address: string): boolean {
    return this.openers.has(address.toLowerCase());
  }

  /** Lower-case addresses apply can sign for. */
  addresses(): Set<string> {
    return new Set(this.openers.keys());
  }

  /** The signer for `address`, opened once; it must sign as that address. */
  get(address: string): Promise<Signer> {
    const key = address.toLowerCase();
    const ready = this.opened.get(key);
    if (ready) return ready;
    const open = this.openers.get(key);
    if (!open) return Promise.reject(new BaseError(`no signer for ${address}`));
    const opening = open().then((signer) => {
      if (signer.address.toLowerCase() !== key) {
        throw new BaseError(`the signer ${signer.describe} signs as ${signer.address}, not as ${address}`, {
          hint: "The account's address and its signer must be the same account: fix the account's address: or its signer:.",
        });
      }
      this.secrets.push(...signer.secrets);
      return signer;
    });
    // A failed open is not cached as a success; the next caller sees the same error.
    this.opened.set(key, opening);
    return opening;
  }
}
