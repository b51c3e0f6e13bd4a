// Starts the team server as a child process on 127.0.0.1 (a free port), as a user would, so a
// test can kill it like a crash and start it again on the same port and data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import {
  addUser,
  assignAccount,
  initServer,
  type ServerTarget,
} from '../../../main/sync/serverAdmin';
import type { TeamRole } from '../../../main/sync/designDoc';

const ROOT = path.resolve(__dirname, '../../..');
export const ADMIN = { user: 'admin', password: 'admin-secret' };
export const TEAM_DB = 'team';
export const PASSWORDS: Record<string, string> = {
  alice: 'alice-pw',
  bob: 'bob-pw',
  mona: 'mona-pw',
};

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** SIGKILL: the server dies mid-request, as in a crash or a pulled cable. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServerProcess(
  dataDir = tempDir('team-server'),
  port = 0,
): Promise<ServerProcess> {
  const passwordFile = path.join(dataDir, '..', `${path.basename(dataDir)}.admin-password`);
  fs.writeFileSync(passwordFile, `${ADMIN.password}\n`, { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'main/sync/team-server.ts'),
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--admin-user',
      ADMIN.user,
      '--admin-password-file',
      passwordFile,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`team server did not start: ${stderr}`)),
      30_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+$/.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`team server exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export function target(url: string): ServerTarget {
  return { url, db: TEAM_DB, admin: ADMIN };
}

/** The team database with two CSMs and a manager; accounts assigned as given. */
export async function prepareTeam(
  url: string,
  assignments: Record<string, string[]> = {},
  roles: Record<string, TeamRole> = { alice: 'csm', bob: 'csm', mona: 'manager' },
): Promise<void> {
  await initServer(target(url));
  for (const [name, role] of Object.entries(roles)) {
    await addUser(target(url), name, role, PASSWORDS[name] ?? `${name}-pw`);
  }
  for (const [name, accountIds] of Object.entries(assignments)) {
    for (const accountId of accountIds) await assignAccount(target(url), accountId, name);
  }
}

/** Polls until `check` holds (or fails with the last value after `timeoutMs`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  let value = await probe();
  while (!check(value)) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(
        `timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 1500)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

/**
 * Loads documents straight into the server's database files, as a restore would: the server
 * must be stopped (LevelDB allows one process) and the database created by `server init`.
 */
export async function loadStraight(
  dataDir: string,
  docs: Record<string, unknown>[],
): Promise<void> {
  const db = new PouchDB(path.join(dataDir, TEAM_DB));
  try {
    for (let i = 0; i < docs.length; i += 5000) {
      const results = await db.bulkDocs(
        docs.slice(i, i + 5000) as PouchDB.Core.PutDocument<object>[],
      );
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`load failed: ${JSON.stringify(failed)}`);
    }
  } finally {
    await db.close();
  }
}
