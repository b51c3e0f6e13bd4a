// The backend process's side of the host vault: each load/save/clear is a request to the host
// (the Electron main process, which holds safeStorage), answered by id. No Electron here.
import { apiError } from '../../shared/api/errors';
import type { CredentialStorage } from '../../shared/api/sync';
import type { CredentialVault, SyncCredentials } from '../sync/vault';
import type { VaultReply, VaultRequest } from './protocol';

type Operation = { op: 'load' } | { op: 'save'; credentials: SyncCredentials } | { op: 'clear' };

export class RemoteVault implements CredentialVault {
  readonly storage: CredentialStorage = { kind: 'keychain' };
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (credentials: SyncCredentials | null) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly send: (request: VaultRequest) => void) {}

  /** The host's answer, passed on by the backend process's message loop. */
  settle(reply: VaultReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.credentials);
    else {
      // The user reads this in the connect form: the keychain refused, nothing was stored.
      waiting.reject(
        apiError('UNAVAILABLE', 'sync.error.vault', `credential store: ${reply.message}`, {
          reason: reply.message,
        }),
      );
    }
  }

  private ask(operation: Operation): Promise<SyncCredentials | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ kind: 'vault', id, ...operation });
    });
  }

  load(): Promise<SyncCredentials | null> {
    return this.ask({ op: 'load' });
  }

  async save(credentials: SyncCredentials): Promise<void> {
    await this.ask({ op: 'save', credentials });
  }

  async clear(): Promise<void> {
    await this.ask({ op: 'clear' });
  }
}

/**
 * Before the host kept the credentials, the desktop app stored them in the data folder's file:
 * they move to the host vault once (and the file goes), so nobody has to sign in again.
 */
export async function moveCredentials(from: CredentialVault, to: CredentialVault): Promise<void> {
  const old = await from.load();
  if (!old) return;
  if (!(await to.load())) await to.save(old);
  await from.clear();
}
