// Runs the team server as a child process on 127.0.0.1 (port 0: a free port), for the tests and
// the benchmark: a separate process can be killed like a crash and does not share our event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb';

const ROOT = path.resolve(__dirname, '../..');

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

export async function startServerProcess(options: {
  dataDir: string;
  port?: number;
  adminUser: string;
  adminPassword: string;
}): Promise<ServerProcess> {
  const { dataDir } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const passwordFile = `${dataDir}.admin-password`;
  fs.writeFileSync(passwordFile, `${options.adminPassword}\n`, { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'main/sync/team-server.ts'),
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      dataDir,
      '--admin-user',
      options.adminUser,
      '--admin-password-file',
      passwordFile,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`team server did not start: ${stderr}`));
    }, 30_000);
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

/**
 * Loads documents straight into a database's files, as a restore would: the server must be
 * stopped (LevelDB allows one process) and the database created through it first.
 */
export async function loadStraight(
  dataDir: string,
  db: string,
  docs: Record<string, unknown>[],
): Promise<void> {
  const pouch = new PouchDB(path.join(dataDir, db));
  try {
    for (let i = 0; i < docs.length; i += 5000) {
      const batch = docs.slice(i, i + 5000) as PouchDB.Core.PutDocument<object>[];
      const results = await pouch.bulkDocs(batch);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`load failed: ${JSON.stringify(failed)}`);
    }
  } finally {
    await pouch.close();
  }
}
