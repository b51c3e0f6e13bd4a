// Passwords as CouchDB 3.4 stores them, and a verified password remembered per user.
import crypto from 'node:crypto';
import {
  hashPassword,
  isWeak,
  storedPasswordOf,
  verifyPassword,
  VerifiedCredentials,
  type StoredPassword,
} from '../../../../main/sync/passwordHash';

jest.setTimeout(30_000);

/** A user document as an earlier team server (pouchdb-auth) wrote it: SHA-1, 10 iterations. */
function legacy(password: string): Record<string, unknown> {
  const salt = crypto.randomBytes(16).toString('hex');
  return {
    password_scheme: 'pbkdf2',
    iterations: 10,
    salt,
    derived_key: crypto.pbkdf2Sync(password, salt, 10, 20, 'sha1').toString('hex'),
  };
}

describe('password hashing', () => {
  let strong: StoredPassword;
  beforeAll(async () => {
    strong = await hashPassword('correct horse');
  });

  it('stores PBKDF2-SHA256 with 600,000 iterations, as CouchDB 3.4', () => {
    expect(strong).toMatchObject({
      password_scheme: 'pbkdf2',
      pbkdf2_prf: 'sha256',
      iterations: 600_000,
    });
    expect(strong.derived_key).toMatch(/^[0-9a-f]{64}$/);
    expect(strong.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(isWeak(strong)).toBe(false);
    // The derived key is the standard PBKDF2, so Apache CouchDB would accept the same document.
    expect(
      crypto.pbkdf2Sync('correct horse', strong.salt, 600_000, 32, 'sha256').toString('hex'),
    ).toBe(strong.derived_key);
  });

  it('verifies the right password only', async () => {
    expect(await verifyPassword(strong, 'correct horse')).toBe(true);
    expect(await verifyPassword(strong, 'correct horse ')).toBe(false);
  });

  it('still verifies a weak legacy hash, and calls it weak', async () => {
    const stored = storedPasswordOf(legacy('old'))!;
    expect(stored).toMatchObject({ pbkdf2_prf: 'sha1', iterations: 10 });
    expect(isWeak(stored)).toBe(true);
    expect(await verifyPassword(stored, 'old')).toBe(true);
    expect(await verifyPassword(stored, 'new')).toBe(false);
  });

  it('knows no other scheme: nothing to sign in with', () => {
    expect(
      storedPasswordOf({ password_scheme: 'simple', salt: 'a', password_sha: 'b' }),
    ).toBeNull();
    expect(storedPasswordOf({ ...strong, pbkdf2_prf: 'md5' })).toBeNull();
    expect(storedPasswordOf({ ...strong, iterations: '600000' })).toBeNull();
    expect(storedPasswordOf({ ...strong, derived_key: 'abc' })).toBeNull();
    expect(storedPasswordOf({ name: 'nobody' })).toBeNull();
  });
});

describe('VerifiedCredentials', () => {
  it('hashes once per sign-in, shares one hash between concurrent requests', async () => {
    const stored = await hashPassword('pw');
    const verified = new VerifiedCredentials();
    let started = Date.now();
    const together = await Promise.all(
      Array.from({ length: 8 }, () => verified.verify('alice', stored, 'pw')),
    );
    expect(together).toEqual(Array(8).fill(true));
    const firstMs = Date.now() - started;
    started = Date.now();
    for (let i = 0; i < 100; i++) expect(await verified.verify('alice', stored, 'pw')).toBe(true);
    // 100 remembered checks cost far less than the one PBKDF2.
    expect(Date.now() - started).toBeLessThan(firstMs);
  });

  it('forgets when the password changes, and never remembers a wrong one', async () => {
    const verified = new VerifiedCredentials();
    const first = await hashPassword('one');
    expect(await verified.verify('bob', first, 'one')).toBe(true);
    expect(await verified.verify('bob', first, 'two')).toBe(false);
    const second = await hashPassword('two');
    expect(await verified.verify('bob', second, 'one')).toBe(false);
    expect(await verified.verify('bob', second, 'two')).toBe(true);
    expect(await verified.verify('carol', second, 'two')).toBe(true);
  });
});
