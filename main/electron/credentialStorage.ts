// Where the desktop app keeps the team-server password: the OS keychain through safeStorage when
// it really protects it. Electron on Linux without a keyring or wallet reports encryption as
// available but uses 'basic_text' (a fixed key: plain text in effect); then, and when nothing is
// available, the backend's user-only file is used instead and the Sync drawer says so (never a
// silent fallback). Plain logic, so it is tested without Electron.
import type { CredentialStorage } from '../../shared/api/sync';

export interface SafeStorageFacts {
  platform: NodeJS.Platform;
  /** safeStorage.isEncryptionAvailable(), asked after the app is ready. */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux. */
  linuxBackend?: string;
}

export function chooseCredentialStorage(facts: SafeStorageFacts): CredentialStorage {
  if (!facts.encryptionAvailable) return { kind: 'file', fallback: 'unavailable' };
  // 'unknown' means asked before ready: not known to be protected, so not trusted.
  if (facts.platform === 'linux' && ['basic_text', 'unknown'].includes(facts.linuxBackend ?? '')) {
    return { kind: 'file', fallback: 'basicText' };
  }
  return { kind: 'keychain' };
}
