// The desktop app's backend process and its host, for real: main/worker/backendProcess.ts runs
// in a forked Node process (as Electron's utilityProcess runs it) and the test is the host, with
// the same BackendConnection the Electron main process uses. The host keeps the credentials (in
// the app: safeStorage; here a vault in a folder of the host's own, so the test sees where the
// password went). Also: Backend.close stops replication before closing the store, and a manager's
// status shows the whole team whatever scope was asked.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult } from '../../../shared/api/errors';
import type { CredentialStorage, SyncStatus } from '../../../shared/api/sync';
import { startedSyncService } from '../../../main/sync/service';
import { FileVault, type CredentialVault, type SyncCredentials } from '../../../main/sync/vault';
import { BackendConnection } from '../../../main/worker/backendConnection';
import { credentialArguments, type FromBackend } from '../../../main/worker/protocol';
import { openBackend, removeDir } from '../../helpers/tempBackend';
import {
  PASSWORDS,
  prepareTeam,
  startServerProcess,
  TEAM_DB,
  waitFor,
  type ServerProcess,
} from './teamServerProcess';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BACKEND_SCRIPT = path.join(ROOT, 'main', 'worker', 'backendProcess.ts');

/** The host's vault: what the main process keeps, with a log of what the backend asked. */
class HostVault implements CredentialVault {
  readonly storage: CredentialStorage = { kind: 'keychain' };
  readonly asked: string[] = [];
  readonly inner: FileVault;
  refuseSave: string | null = null;

  constructor(readonly dir: string) {
    this.inner = new FileVault(dir);
  }
  load() {
    this.asked.push('load');
    return this.inner.load();
  }
  async save(credentials: SyncCredentials) {
    this.asked.push('save');
    if (this.refuseSave) throw new Error(this.refuseSave);
    await this.inner.save(credentials);
  }
  clear() {
    this.asked.push('clear');
    return this.inner.clear();
  }
}

interface Child {
  process: ChildProcess;
  connection: BackendConnection;
  call<T>(method: string, input: unknown): Promise<T>;
  /** Asks the backend to close (sync stopped, store closed) and waits for its exit code. */
  stop(): Promise<number | null>;
}

async function startChild(
  dataDir: string,
  storage: CredentialStorage,
  vault?: CredentialVault,
): Promise<Child> {
  const child = fork(
    BACKEND_SCRIPT,
    ['--data-dir', dataDir, '--user', 'local-name', ...credentialArguments(storage)],
    { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const connection = new BackendConnection((message) => child.send(message), vault);
  child.on('message', (message) => connection.receive(message as FromBackend));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      connection.exited(code);
      resolve(code);
    }),
  );
  await connection.ready;
  return {
    process: child,
    connection,
    async call<T>(method: string, input: unknown): Promise<T> {
      const result = (await connection.dispatch(method, input)) as ApiResult<T>;
      if (!result.ok) throw Object.assign(new Error(JSON.stringify(result.errors)), result);
      return result.data;
    },
    stop() {
      void connection.close();
      return exited;
    },
  };
}

let server: ServerProcess;
const dirs: string[] = [];
const children: Child[] = [];
const dir = (label: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `csm-${label}-`));
  dirs.push(d);
  return d;
};
const start = async (...args: Parameters<typeof startChild>) => {
  const child = await startChild(...args);
  children.push(child);
  return child;
};
const credentialsFile = (dataDir: string) => path.join(dataDir, 'sync-credentials.json');
const aliceAt = (url: string) => ({
  url,
  db: TEAM_DB,
  user: 'alice',
  password: PASSWORDS.alice,
});

beforeAll(async () => {
  server = await startServerProcess();
  await prepareTeam(server.url);
});

afterAll(async () => {
  for (const child of children) {
    if (child.process.exitCode === null) child.process.kill();
  }
  await server?.stop();
  for (const d of dirs) removeDir(d);
});

describe('the backend process with the host keeping the credentials', () => {
  it('stores the password with the host only, resumes from it after a restart and forgets it on sign-out', async () => {
    const dataDir = dir('desktop-data');
    const vault = new HostVault(dir('desktop-keychain'));
    let child = await start(dataDir, { kind: 'keychain' }, vault);
    const before = await child.call<SyncStatus>('sync.status', {});
    expect(before).toMatchObject({ connected: false, credentialStorage: { kind: 'keychain' } });

    const connected = await child.call<SyncStatus>('sync.connect', aliceAt(server.url));
    expect(connected).toMatchObject({
      connected: true,
      user: 'alice',
      credentialStorage: { kind: 'keychain' },
    });
    expect(vault.asked).toContain('save');
    expect(await vault.inner.load()).toEqual({ ...aliceAt(server.url), scope: 'all' });
    // Nothing of the credentials in the backend's data folder.
    expect(fs.existsSync(credentialsFile(dataDir))).toBe(false);
    await waitFor(
      'up to date',
      () => child.call<SyncStatus>('sync.status', {}),
      (s) => s.state === 'upToDate',
    );
    // Closing with live sync running: the backend stops it, closes the store and exits cleanly.
    expect(await child.stop()).toBe(0);

    // The app starts again: the backend process resumes with the host's credentials.
    vault.asked.length = 0;
    child = await start(dataDir, { kind: 'keychain' }, vault);
    const resumed = await waitFor(
      'resumed from the host vault',
      () => child.call<SyncStatus>('sync.status', {}),
      (s) => s.connected && s.state === 'upToDate',
    );
    expect(resumed).toMatchObject({ user: 'alice', db: TEAM_DB, scope: 'all' });
    expect(vault.asked).toContain('load');

    const signedOut = await child.call<SyncStatus>('sync.disconnect', {});
    expect(signedOut).toMatchObject({ connected: false, state: 'offline' });
    expect(vault.asked).toContain('clear');
    expect(await vault.inner.load()).toBeNull();
    expect(await child.stop()).toBe(0);
  });

  it('reports a keychain that refuses the password in words, and stores nothing anywhere', async () => {
    const dataDir = dir('desktop-refused');
    const vault = new HostVault(dir('desktop-keychain-refusing'));
    vault.refuseSave = 'the keychain is locked';
    const child = await start(dataDir, { kind: 'keychain' }, vault);
    const result = (await child.connection.dispatch(
      'sync.connect',
      aliceAt(server.url),
    )) as ApiResult<SyncStatus>;
    expect(result).toMatchObject({
      ok: false,
      errors: [
        {
          code: 'UNAVAILABLE',
          messageKey: 'sync.error.vault',
          params: { reason: 'the keychain is locked' },
        },
      ],
    });
    expect(await child.call<SyncStatus>('sync.status', {})).toMatchObject({ connected: false });
    expect(await vault.inner.load()).toBeNull();
    expect(fs.existsSync(credentialsFile(dataDir))).toBe(false);
    expect(await child.stop()).toBe(0);
  });

  it('moves credentials an earlier version left in the data folder to the host', async () => {
    const dataDir = dir('desktop-upgrade');
    await new FileVault(dataDir).save({ ...aliceAt(server.url), scope: 'all' });
    const vault = new HostVault(dir('desktop-keychain-upgrade'));
    const child = await start(dataDir, { kind: 'keychain' }, vault);
    expect(await vault.inner.load()).toMatchObject({ user: 'alice', password: PASSWORDS.alice });
    expect(fs.existsSync(credentialsFile(dataDir))).toBe(false);
    await waitFor(
      'resumed with the moved credentials',
      () => child.call<SyncStatus>('sync.status', {}),
      (s) => s.connected && s.state === 'upToDate',
    );
    expect(await child.stop()).toBe(0);
  });

  it('without a usable keychain keeps them in the user-only file and says why', async () => {
    const dataDir = dir('desktop-basic-text');
    const child = await start(dataDir, { kind: 'file', fallback: 'basicText' });
    expect(await child.call<SyncStatus>('sync.status', {})).toMatchObject({
      credentialStorage: { kind: 'file', fallback: 'basicText' },
    });
    await child.call<SyncStatus>('sync.connect', { ...aliceAt(server.url), scope: 'mine' });
    const file = credentialsFile(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(PASSWORDS.alice);
    expect(await child.call<SyncStatus>('sync.status', {})).toMatchObject({
      connected: true,
      scope: 'mine',
      credentialStorage: { kind: 'file', fallback: 'basicText' },
    });
    expect(await child.stop()).toBe(0);
  });
});

describe('Backend.close and the scope shown', () => {
  it("stops live replication before closing the store; a manager's status shows the whole team", async () => {
    const dataDir = dir('close');
    const backend = await openBackend(dataDir, { user: 'mona' });
    // A manager asking for "only my accounts" still pulls, and is shown, the whole team.
    const status = await backend.call('sync.connect', {
      url: server.url,
      db: TEAM_DB,
      user: 'mona',
      password: PASSWORDS.mona,
      scope: 'mine',
    });
    expect(status).toMatchObject({ connected: true, scope: 'all' });
    const service = startedSyncService(backend.ctx)!;
    expect(service.running).toBe(true);

    await backend.close();
    expect(service.running).toBe(false);
    // The store really is closed and free: the same folder opens again, credentials kept.
    const again = await openBackend(dataDir, { user: 'mona' });
    expect(startedSyncService(again.ctx)).toBeUndefined();
    expect(await new FileVault(dataDir).load()).toMatchObject({ user: 'mona', scope: 'mine' });
    await again.close();
  });

  it('closes a backend that never synced without starting sync', async () => {
    const backend = await openBackend(dir('close-local'));
    await backend.close();
    expect(startedSyncService(backend.ctx)).toBeUndefined();
  });
});
