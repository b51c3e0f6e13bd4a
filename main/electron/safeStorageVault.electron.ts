// The desktop app's credential vault, used in the main process only (BackendHost answers the
// backend process's vault requests with it): Electron safeStorage encrypts with the OS keychain
// (Keychain, DPAPI, libsecret/kwallet), so the password is never on disk in plain text.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { CredentialStorage } from '../../shared/api/sync';
import type { CredentialVault, SyncCredentials } from '../sync/vault';

export class SafeStorageVault implements CredentialVault {
  readonly storage: CredentialStorage = { kind: 'keychain' };
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sync-credentials.safe');
  }

  async load(): Promise<SyncCredentials | null> {
    if (!fs.existsSync(this.file) || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return JSON.parse(safeStorage.decryptString(fs.readFileSync(this.file))) as SyncCredentials;
    } catch {
      // Encrypted on another machine or by another user: sign in again.
      return null;
    }
  }

  async save(credentials: SyncCredentials): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('the operating system offers no secure storage for the password');
    }
    const encrypted = safeStorage.encryptString(JSON.stringify(credentials));
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, new Uint8Array(encrypted), { mode: 0o600 });
  }

  async clear(): Promise<void> {
    fs.rmSync(this.file, { force: true });
  }
}
