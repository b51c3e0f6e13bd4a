// Acknowledged means durable: the kernel sees one fdatasync per acknowledged write (counted with
// strace on a real writer process), and writes queued behind each other share a sync.
// Bounds: 300 sequential writes in one process under strace, 40 concurrent writes, 120 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { durabilityOf } from '../../main/store/durability';
import { pouchLocation } from '../../main/store/pouch';
import { validAccount } from '../fixtures/entities';
import { openAt, pouchIds, tempDir } from './helpers';

jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '../..');
const WRITES = 300;

let dir: string;
beforeEach(() => {
  dir = tempDir('fault-durable');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it(`syncs to disk before acknowledging: at least ${WRITES} fdatasyncs for ${WRITES} writes`, () => {
  const summary = path.join(dir, 'strace.txt');
  const dataDir = path.join(dir, 'store');
  const out = execFileSync(
    'strace',
    [
      ...['-f', '-c', '-e', 'trace=fsync,fdatasync', '-o', summary],
      ...[process.execPath, '--import', 'tsx', path.join(ROOT, 'tests/fault/writerProcess.ts')],
      ...[dataDir, 'durable', String(WRITES)],
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  expect(out.split('\n').filter((l) => l.startsWith('ack '))).toHaveLength(WRITES);
  expect(out).toContain('done');
  // strace -c: "% time  seconds  usecs/call  calls  errors syscall" per line.
  const calls = (name: string) => {
    const line = fs
      .readFileSync(summary, 'utf8')
      .split('\n')
      .find((l) => l.trim().endsWith(` ${name}`));
    return line ? Number(line.trim().split(/\s+/)[3]) : 0;
  };
  expect(calls('fdatasync') + calls('fsync')).toBeGreaterThanOrEqual(WRITES);
});

it('lets concurrent writes share one sync, acknowledging each only once it is on disk', async () => {
  const backend = await openAt(dir);
  const state = durabilityOf(pouchLocation(dir));
  const before = state.syncs;
  const created = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      backend.call('account.create', { data: { ...validAccount, name: `g-${i}` } as never }),
    ),
  );
  const syncs = state.syncs - before;
  expect(syncs).toBeGreaterThanOrEqual(1);
  expect(syncs).toBeLessThan(40);
  // Read-your-writes still holds for every member of a group.
  const listed = await backend.call('account.list', { limit: 100 });
  expect(listed.total).toBe(40);
  const sequentialBefore = state.syncs;
  for (let i = 0; i < 5; i++) {
    await backend.call('account.create', { data: { ...validAccount, name: `s-${i}` } as never });
  }
  // One after another, nothing to share: each create is synced before it is acknowledged, and
  // so is the account's first health score, written right after it (main/health/rescore.ts).
  expect(state.syncs - sequentialBefore).toBe(10);
  await backend.close();
  const have = await pouchIds(dir);
  expect(created.filter((d) => !have.has(d._id))).toEqual([]);
});
