// kill -9 of a writing process: 30 trials on one store, each killing the writer 150-650 ms
// after it is ready; every acknowledged write must be in PouchDB and the projection after the
// next open, and the projection must agree with PouchDB. Bounds: 30 trials, about 4.5 s each
// on a quiet machine (136 s in all), up to 8 s under heavy load: 480 s at most.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openAt, pouchIds, tempDir } from './helpers';

const TRIALS = 30;
jest.setTimeout(480_000);

const ROOT = path.resolve(__dirname, '../..');

/** Runs the writer until it has been ready for `ms`, kills it with SIGKILL; returns its acks. */
function writeThenKill(dataDir: string, label: string, ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/fault/writerProcess.ts'), dataDir, label],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      const lines = out.split('\n');
      const failed = lines.find((l) => l.startsWith('error '));
      if (failed || signal !== 'SIGKILL') {
        reject(new Error(`writer ended by ${signal ?? 'exit'}: ${failed ?? err.slice(0, 500)}`));
        return;
      }
      resolve(lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)));
    });
  });
}

describe('kill -9 during writes', () => {
  it(`loses no acknowledged write in ${TRIALS} trials and leaves the projection consistent`, async () => {
    const dir = tempDir('fault-kill');
    const acked: string[] = [];
    const lost: string[] = [];
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        acked.push(...(await writeThenKill(dir, `t${trial}`, 150 + ((trial * 37) % 500))));
        const have = await pouchIds(dir);
        lost.push(...acked.filter((id) => !have.has(id)));
        const backend = await openAt(dir);
        try {
          const info = await backend.call('system.info', {});
          expect(info.projection.docs).toBe(info.docCount);
          const last = acked.at(-1);
          if (last) expect((await backend.call('account.get', { id: last }))._id).toBe(last);
        } finally {
          await backend.close();
        }
      }
      expect(acked.length).toBeGreaterThan(TRIALS);
      expect(lost).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
