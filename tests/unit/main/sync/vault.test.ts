import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileVault } from '../../../../main/sync/vault';

const credentials = {
  url: 'http://127.0.0.1:5984',
  db: 'team',
  user: 'alice',
  password: 'correct horse battery staple',
  scope: 'mine' as const,
};

describe('FileVault', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the credentials in files only the user can read, the password encrypted', async () => {
    const vault = new FileVault(dir);
    await vault.save(credentials);
    expect(await vault.load()).toEqual(credentials);
    for (const file of [vault.file, vault.keyFile]) {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    const stored = fs.readFileSync(vault.file, 'utf8');
    expect(stored).not.toContain('correct horse');
    expect(stored).toContain('alice');
  });

  it('returns nothing after clear, and for a damaged file or a lost key', async () => {
    const vault = new FileVault(dir);
    expect(await vault.load()).toBeNull();
    await vault.save(credentials);
    await vault.clear();
    expect(await vault.load()).toBeNull();
    expect(fs.existsSync(vault.file)).toBe(false);

    await vault.save(credentials);
    fs.writeFileSync(vault.file, '{ not json');
    expect(await vault.load()).toBeNull();

    await vault.save(credentials);
    fs.writeFileSync(vault.keyFile, new Uint8Array(32).fill(1));
    expect(await vault.load()).toBeNull();
  });
});
