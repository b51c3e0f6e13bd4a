// Messages between the Electron main process and the backend process, and the arguments the
// host starts the backend process with.
import type { ApiResult } from '../../shared/api/errors';
import type { CredentialFallback, CredentialStorage } from '../../shared/api/sync';
import type { SyncCredentials } from '../sync/vault';

export interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  input: unknown;
}
export interface ReplyMessage {
  kind: 'reply';
  id: number;
  result: ApiResult<unknown>;
}
export interface ReadyMessage {
  kind: 'ready';
  dataDir: string;
}
export interface FatalMessage {
  kind: 'fatal';
  message: string;
}

/**
 * The backend asks the host for the sync credentials: only the Electron main process may use
 * safeStorage (the OS keychain), so the host keeps them and the backend process never writes them.
 */
export type VaultRequest = { kind: 'vault'; id: number } & (
  { op: 'load' } | { op: 'save'; credentials: SyncCredentials } | { op: 'clear' }
);
export type VaultReply =
  | { kind: 'vaultReply'; id: number; ok: true; credentials: SyncCredentials | null }
  | { kind: 'vaultReply'; id: number; ok: false; message: string };

export type ToBackend = CallMessage | VaultReply | { kind: 'close' };
export type FromBackend = ReplyMessage | ReadyMessage | FatalMessage | VaultRequest;

const FALLBACKS: readonly CredentialFallback[] = ['unavailable', 'basicText'];

/**
 * `--vault host`: the host keeps the credentials (keychain); `--vault-fallback R`: the backend
 * keeps them in its user-only file because the keychain is not usable (R says why, shown to the
 * user); neither: the file, as in browser mode.
 */
export function credentialArguments(storage: CredentialStorage): string[] {
  if (storage.kind === 'keychain') return ['--vault', 'host'];
  return storage.fallback ? ['--vault-fallback', storage.fallback] : [];
}

/** The value after `--name` in the backend process's arguments. */
export function argumentOf(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

export function credentialStorageOf(argv: readonly string[]): CredentialStorage {
  if (argumentOf(argv, 'vault') === 'host') return { kind: 'keychain' };
  const fallback = FALLBACKS.find((f) => f === argumentOf(argv, 'vault-fallback'));
  return fallback ? { kind: 'file', fallback } : { kind: 'file' };
}
