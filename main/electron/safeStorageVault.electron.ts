// The desktop app's credential vault: Electron safeStorage encrypts with the OS keychain
// (Keychain, DPAPI, libsecret/kwallet), so the password is never on disk in plain text.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { CredentialVault, SyncCredentials } from '../sync/vault';

export class SafeStorageVault implements CredentialVault {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'sync-credentials.safe');
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
    fs.writeFileSync(this.file, new Uint8Array(encrypted), { mode: 0o600 });
  }

  async clear(): Promise<void> {
    fs.rmSync(this.file, { force: true });
  }
}
