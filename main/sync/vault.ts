// Where the team-server credentials live between runs. The desktop app keeps them in its main
// process with Electron's safeStorage (main/electron/safeStorageVault.electron.ts, reached from
// the backend process through main/worker/remoteVault.ts); the CLI and browser mode use a file
// only the user can read, with the password encrypted by a key kept in a file of its own.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CredentialFallback, CredentialStorage, SyncScope } from '../../shared/api/sync';

export interface SyncCredentials {
  url: string;
  db: string;
  user: string;
  password: string;
  scope: SyncScope;
}

export interface CredentialVault {
  /** What the Sync drawer tells the user about where the password is kept. */
  readonly storage: CredentialStorage;
  load(): Promise<SyncCredentials | null>;
  save(credentials: SyncCredentials): Promise<void>;
  clear(): Promise<void>;
}

interface StoredFile {
  format: 'csm-sync-credentials';
  version: 1;
  url: string;
  db: string;
  user: string;
  scope: SyncScope;
  /** AES-256-GCM of the password: iv, tag and ciphertext, base64. */
  password: { iv: string; tag: string; data: string };
}

const PRIVATE = 0o600;

/** Writes a file readable by its owner only, atomically (write then rename). */
function writePrivate(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: PRIVATE });
  fs.chmodSync(temp, PRIVATE);
  fs.renameSync(temp, file);
}

export class FileVault implements CredentialVault {
  readonly file: string;
  readonly keyFile: string;
  readonly storage: CredentialStorage;

  /** `fallback`: the desktop app uses this file because the keychain is not usable (shown). */
  constructor(dataDir: string, fallback?: CredentialFallback) {
    this.storage = fallback ? { kind: 'file', fallback } : { kind: 'file' };
    this.file = path.join(dataDir, 'sync-credentials.json');
    this.keyFile = path.join(dataDir, 'sync-credentials.key');
  }

  private key(create: boolean): Buffer | null {
    if (fs.existsSync(this.keyFile)) return fs.readFileSync(this.keyFile);
    if (!create) return null;
    const key = crypto.randomBytes(32);
    writePrivate(this.keyFile, new Uint8Array(key));
    return key;
  }

  async load(): Promise<SyncCredentials | null> {
    if (!fs.existsSync(this.file)) return null;
    const key = this.key(false);
    if (!key) return null;
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as StoredFile;
      if (stored.format !== 'csm-sync-credentials') return null;
      const decipher = crypto.createDecipheriv(
        'aes-256-gcm',
        new Uint8Array(key),
        new Uint8Array(Buffer.from(stored.password.iv, 'base64')),
      );
      decipher.setAuthTag(new Uint8Array(Buffer.from(stored.password.tag, 'base64')));
      const password = Buffer.concat([
        new Uint8Array(
          decipher.update(new Uint8Array(Buffer.from(stored.password.data, 'base64'))),
        ),
        new Uint8Array(decipher.final()),
      ]).toString('utf8');
      return { url: stored.url, db: stored.db, user: stored.user, scope: stored.scope, password };
    } catch {
      // A damaged or foreign file: the user signs in again rather than the app failing.
      return null;
    }
  }

  async save(credentials: SyncCredentials): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const key = this.key(true)!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', new Uint8Array(key), new Uint8Array(iv));
    const data = Buffer.concat([
      new Uint8Array(cipher.update(credentials.password, 'utf8')),
      new Uint8Array(cipher.final()),
    ]);
    const stored: StoredFile = {
      format: 'csm-sync-credentials',
      version: 1,
      url: credentials.url,
      db: credentials.db,
      user: credentials.user,
      scope: credentials.scope,
      password: {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      },
    };
    writePrivate(this.file, `${JSON.stringify(stored, null, 2)}\n`);
  }

  async clear(): Promise<void> {
    fs.rmSync(this.file, { force: true });
    fs.rmSync(this.keyFile, { force: true });
  }
}
