// The backend in its own process (Electron utilityProcess), so better-sqlite3's synchronous
// queries and document building never block the window's main process. It opens the Backend
// and answers `call` messages with dispatch results; nothing here knows about Electron.
// With `--vault host` the sync credentials are kept by the host (safeStorage in the main process)
// through vault requests; otherwise in the data folder's user-only file. Every reply is checked
// against the reply limits before it is posted, and a reply that cannot be posted becomes an
// error reply: neither side is ever ended by a message.
import type { ApiResult } from '../../shared/api/errors';
import { apiError } from '../../shared/api/errors';
import type { CredentialStorage } from '../../shared/api/sync';
import { REPLY_LIMITS, valueRefusal } from '../api/inputLimits';
import { clockFromEnv } from '../../shared/time/clock';
import { Backend } from '../backend';
import { damagedApi, isStoreDamaged, type DamagedApi } from '../store/damagedApi';
import { syncServiceOf } from '../sync/service';
import { FileVault } from '../sync/vault';
import { argumentOf, credentialStorageOf, type FromBackend, type ToBackend } from './protocol';
import { moveCredentials, RemoteVault } from './remoteVault';

interface Port {
  on(event: 'message', listener: (event: { data: ToBackend }) => void): void;
  postMessage(message: FromBackend): void;
}

export interface ServeOptions {
  user?: string;
  /** Called once the backend closed on the host's request; the process exits by default. */
  exit?: () => void;
  /** Where the sync credentials live: the host's keychain, or the data folder's file. */
  credentials?: CredentialStorage;
}

export async function serve(
  port: Port,
  dataDir: string,
  options: ServeOptions = {},
): Promise<void> {
  const { user, exit = () => process.exit(0), credentials = { kind: 'file' } } = options;
  let backend: Backend;
  let announced = false;
  try {
    // The host's environment: CSM_TODAY pins the day (a malformed one is the fatal message).
    const clock = clockFromEnv(process.env);
    try {
      backend = await Backend.open({ dataDir, user, clock });
    } catch (error) {
      if (!isStoreDamaged(error)) throw error;
      // A damaged store: the app shows it and offers the repair, then the backend opens.
      const stop = await serveDamaged(port, damagedApi(error), dataDir, exit);
      announced = true;
      backend = await Backend.open({ dataDir, user, clock });
      if (stop().closeRequested) {
        // The host closed while the repaired store was opening: close it, never leave it open.
        await backend.close();
        exit();
        return;
      }
    }
  } catch (error) {
    port.postMessage({
      kind: 'fatal',
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  const remote =
    credentials.kind === 'keychain'
      ? new RemoteVault((request) => port.postMessage(request))
      : null;
  const file = new FileVault(dataDir, credentials.fallback);
  const sync = syncServiceOf(backend.ctx);
  sync.useVault(remote ?? file);
  port.on('message', ({ data }) => {
    if (data.kind === 'vaultReply') {
      remote?.settle(data);
      return;
    }
    if (data.kind === 'close') {
      void backend.close().then(exit);
      return;
    }
    void backend.dispatch(data.method, data.input).then((result) => reply(port, data.id, result));
  });
  if (remote) {
    // Credentials an earlier version left in the file; if the keychain refuses, they stay there.
    await moveCredentials(file, remote).catch(() => undefined);
  }
  // The app (desktop or browser mode) starts: sync resumes with stored credentials, if any.
  // Offline at start is normal: it retries. Not awaited, so the window opens at once.
  void sync.resume().catch(() => undefined);
  if (!announced) port.postMessage({ kind: 'ready', dataDir });
}

/**
 * Answers calls from the damaged store's API; resolves once a repair succeeded, with the
 * function that stops it (once the real backend is open and answers instead) and says whether
 * the host asked to close meanwhile.
 */
async function serveDamaged(
  port: Port,
  api: DamagedApi,
  dataDir: string,
  exit: () => void,
): Promise<() => { closeRequested: boolean }> {
  let serving = true;
  let repaired = false;
  let closeRequested = false;
  port.on('message', ({ data }) => {
    if (!serving) return;
    if (data.kind === 'close') {
      // Once repaired, the real backend is opening: it closes when open (see serve).
      if (repaired) closeRequested = true;
      else exit();
      return;
    }
    if (data.kind !== 'call') return;
    void api
      .dispatch(data.method, data.input)
      .then((result) => port.postMessage({ kind: 'reply', id: data.id, result }));
  });
  port.postMessage({ kind: 'ready', dataDir });
  await api.repaired;
  repaired = true;
  return () => {
    serving = false;
    return { closeRequested };
  };
}

/** Posts a call's result, or the reason it cannot be posted as the result. */
export function reply(
  port: Pick<Port, 'postMessage'>,
  id: number,
  result: ApiResult<unknown>,
): void {
  const refused = valueRefusal(result, REPLY_LIMITS);
  if (!refused) {
    try {
      port.postMessage({ kind: 'reply', id, result });
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure = apiError('INTERNAL', 'error.messageUndeliverable', `cannot post: ${reason}`, {
        reason,
      });
      port.postMessage({ kind: 'reply', id, result: { ok: false, errors: failure.errors } });
      return;
    }
  }
  port.postMessage({ kind: 'reply', id, result: { ok: false, errors: refused } });
}

/** Electron's parentPort, or the IPC channel of a plain Node fork (same messages). */
function hostPort(): Port | undefined {
  const parentPort = (process as unknown as { parentPort?: Port }).parentPort;
  if (parentPort) return parentPort;
  if (!process.send) return undefined;
  return {
    on: (_event, listener) => process.on('message', (data: ToBackend) => listener({ data })),
    postMessage: (message) => void process.send!(message),
  };
}

const dataDir = argumentOf(process.argv, 'data-dir');
const port = dataDir ? hostPort() : undefined;
if (port && dataDir) {
  void serve(port, dataDir, {
    user: argumentOf(process.argv, 'user'),
    credentials: credentialStorageOf(process.argv),
  });
}
