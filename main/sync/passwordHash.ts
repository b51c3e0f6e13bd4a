// User passwords on the npm team server, stored as current Apache CouchDB (3.4+) stores them by
// default: PBKDF2 with HMAC-SHA256, 600,000 iterations, a random salt. Users written by an
// earlier team server (PBKDF2-SHA1, 10 iterations) still sign in, and are rehashed then.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2 = promisify(crypto.pbkdf2);

export const PASSWORD_ITERATIONS = 600_000;
export const PASSWORD_PRF = 'sha256';
const KEY_BYTES: Record<string, number> = { sha256: 32, sha1: 20 };

/** The password fields of a `_users` document, as CouchDB names them. */
export interface StoredPassword {
  password_scheme: 'pbkdf2';
  pbkdf2_prf: string;
  iterations: number;
  salt: string;
  derived_key: string;
}

export async function hashPassword(password: string): Promise<StoredPassword> {
  const salt = crypto.randomBytes(16).toString('hex');
  const key = await pbkdf2(password, salt, PASSWORD_ITERATIONS, KEY_BYTES.sha256, PASSWORD_PRF);
  return {
    password_scheme: 'pbkdf2',
    pbkdf2_prf: PASSWORD_PRF,
    iterations: PASSWORD_ITERATIONS,
    salt,
    derived_key: key.toString('hex'),
  };
}

/** The stored password fields of a user document, or null if it has none this server knows. */
export function storedPasswordOf(userDoc: Record<string, unknown>): StoredPassword | null {
  const { password_scheme, iterations, salt, derived_key } = userDoc;
  // CouchDB's default PRF for pbkdf2 documents that do not name one is SHA-1.
  const prf = userDoc.pbkdf2_prf ?? 'sha1';
  if (password_scheme !== 'pbkdf2' || typeof prf !== 'string' || !(prf in KEY_BYTES)) return null;
  if (!Number.isInteger(iterations) || (iterations as number) < 1) return null;
  if (typeof salt !== 'string' || typeof derived_key !== 'string') return null;
  if (!/^[0-9a-f]+$/.test(derived_key) || derived_key.length !== KEY_BYTES[prf] * 2) return null;
  return {
    password_scheme,
    pbkdf2_prf: prf,
    iterations: iterations as number,
    salt,
    derived_key,
  };
}

/** Whether a stored hash is weaker than this server's default (then rehashed at sign-in). */
export function isWeak(stored: StoredPassword): boolean {
  return stored.pbkdf2_prf !== PASSWORD_PRF || stored.iterations < PASSWORD_ITERATIONS;
}

export async function verifyPassword(stored: StoredPassword, password: string): Promise<boolean> {
  const bytes = KEY_BYTES[stored.pbkdf2_prf];
  const key = await pbkdf2(password, stored.salt, stored.iterations, bytes, stored.pbkdf2_prf);
  const expected = Buffer.from(stored.derived_key, 'hex');
  return crypto.timingSafeEqual(new Uint8Array(key), new Uint8Array(expected));
}

/**
 * Remembers, per user, that a password matched the stored hash, so a client that sends Basic
 * credentials with every request (PouchDB replication does) costs one PBKDF2 per sign-in, not
 * one per request; requests that arrive together while it runs wait for the same one. Keeps
 * only a keyed digest of the password, tied to the stored hash: a new password or salt on the
 * server makes the entry useless. One entry per user name.
 */
export class VerifiedCredentials {
  private readonly key = crypto.randomBytes(32).toString('hex');
  private readonly byUser = new Map<string, { stored: string; proof: Buffer }>();
  private readonly running = new Map<string, Promise<boolean>>();

  private proofOf(name: string, password: string): Buffer {
    return crypto.createHmac('sha256', this.key).update(`${name}\0${password}`).digest();
  }

  private static fingerprint(stored: StoredPassword): string {
    return `${stored.pbkdf2_prf}:${stored.iterations}:${stored.salt}:${stored.derived_key}`;
  }

  private known(name: string, stored: StoredPassword, proof: Buffer): boolean {
    const entry = this.byUser.get(name);
    if (!entry || entry.stored !== VerifiedCredentials.fingerprint(stored)) return false;
    return crypto.timingSafeEqual(new Uint8Array(proof), new Uint8Array(entry.proof));
  }

  /** Whether the password matches: from memory, else by PBKDF2 (remembered when it matches). */
  async verify(name: string, stored: StoredPassword, password: string): Promise<boolean> {
    const proof = this.proofOf(name, password);
    if (this.known(name, stored, proof)) return true;
    const key = `${name}\0${VerifiedCredentials.fingerprint(stored)}\0${proof.toString('hex')}`;
    let check = this.running.get(key);
    if (!check) {
      check = verifyPassword(stored, password).finally(() => this.running.delete(key));
      this.running.set(key, check);
    }
    const matches = await check;
    if (matches) this.remember(name, stored, password);
    return matches;
  }

  remember(name: string, stored: StoredPassword, password: string): void {
    this.byUser.set(name, {
      stored: VerifiedCredentials.fingerprint(stored),
      proof: this.proofOf(name, password),
    });
  }
}
