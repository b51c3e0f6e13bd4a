// The host's side of the backend, whatever runs it (Electron's utilityProcess, browser mode's
// worker thread, a Node fork in the tests): turns replies back into promises and answers the
// backend's vault requests with the host's vault. The host wires `receive`/`exited` to its
// child's events. A call is checked against the request limits before it is posted: a message
// too deep for structured clone would throw inside postMessage, and must be an error reply
// instead (the host and the backend both live on).
import { apiError, type ApiResult } from '../../shared/api/errors';
import { REQUEST_LIMITS, valueRefusal } from '../api/inputLimits';
import type { CredentialVault } from '../sync/vault';
import type { FromBackend, ToBackend, VaultReply, VaultRequest } from './protocol';

export class BackendConnection {
  /** Resolves with the data folder once the backend has opened its store. */
  readonly ready: Promise<string>;
  private settleReady!: { resolve: (dataDir: string) => void; reject: (error: Error) => void };
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly post: (message: ToBackend) => void,
    /** Where the credentials live when the backend was started with `--vault host`. */
    private readonly vault?: CredentialVault,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
  }

  receive(message: FromBackend): void {
    switch (message.kind) {
      case 'ready':
        this.settleReady.resolve(message.dataDir);
        return;
      case 'fatal':
        this.settleReady.reject(new Error(message.message));
        return;
      case 'reply':
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
        return;
      case 'vault':
        void this.answer(message).then((reply) => this.post(reply));
    }
  }

  /** The child process ended: nothing more will be answered. */
  exited(code: number | null): void {
    this.settleReady.reject(new Error(`backend process exited with ${code}`));
    for (const resolve of this.pending.values()) resolve(unavailable('backend process exited'));
    this.pending.clear();
  }

  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.closing) return Promise.resolve(unavailable('backend closed'));
    const refused = valueRefusal(input, REQUEST_LIMITS);
    if (refused) return Promise.resolve({ ok: false, errors: refused });
    const id = this.nextId++;
    const answer = new Promise<ApiResult<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.post({ kind: 'call', id, method, input });
      } catch (error) {
        // Not cloneable (a function, a symbol) or the channel is gone: an answer, not a throw.
        this.pending.delete(id);
        resolve(undeliverable(error));
      }
    });
    this.inFlight.add(answer);
    void answer.then(() => this.inFlight.delete(answer));
    return answer;
  }

  /**
   * Lets the calls already sent finish, then asks the backend to stop sync, close its store
   * and exit; later calls are answered as unavailable. The host waits for the exit itself.
   */
  close(): Promise<void> {
    this.closing ??= Promise.allSettled([...this.inFlight]).then(() =>
      this.post({ kind: 'close' }),
    );
    return this.closing;
  }

  private async answer(request: VaultRequest): Promise<VaultReply> {
    const { id } = request;
    try {
      if (!this.vault) throw new Error('this host keeps no credentials');
      if (request.op === 'load') {
        return { kind: 'vaultReply', id, ok: true, credentials: await this.vault.load() };
      }
      if (request.op === 'save') await this.vault.save(request.credentials);
      else await this.vault.clear();
      return { kind: 'vaultReply', id, ok: true, credentials: null };
    } catch (error) {
      return {
        kind: 'vaultReply',
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }
}

function undeliverable(error: unknown): ApiResult<unknown> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    errors: apiError('VALIDATION', 'error.messageUndeliverable', `cannot post: ${reason}`, {
      reason,
    }).errors,
  };
}

function unavailable(reason: string): ApiResult<unknown> {
  return {
    ok: false,
    errors: apiError('UNAVAILABLE', 'error.unavailable', reason, { reason }).errors,
  };
}
