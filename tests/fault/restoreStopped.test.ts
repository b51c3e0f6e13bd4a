// A restore that stops part way (the disk fills up under it): the backup import says so, with
// how many documents went in; the store holds everything it held before; once space returns
// and it is reopened, importing the same backup again completes the restore. The store lives
// on a 32 MiB tmpfs (`mount -t tmpfs`, as root; the test fails with the reason if the sandbox
// refuses the mount). 20 MiB no longer left the second restore room: a bulk write into a store
// that holds documents now feeds the live projection directly, in transactions of up to 8,000
// documents, whose WAL needs more room than the changes feed's 2,000 did.
// Bounds: 32 MiB, 100 demo accounts (about 4,500 documents), 180 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApiFailure } from '../../shared/api/errors';
import type { BackupFile } from '../../shared/api/types';
import { validAccount } from '../fixtures/entities';
import { openAt, pouchIds, seededStore, tempDir } from './helpers';

jest.setTimeout(180_000);
const ACCOUNTS = 100;

let mountPoint: string;
const dirs: string[] = [];
beforeAll(() => {
  mountPoint = tempDir('fault-restore-disk');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mountPoint]);
});
afterAll(() => {
  execFileSync('umount', ['--lazy', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Fills the file system until it has about `leave` bytes free. */
function fill(file: string, leave: number): void {
  const fd = fs.openSync(file, 'w');
  const block = new Uint8Array(64 * 1024).fill(1);
  try {
    for (;;) {
      const free = fs.statfsSync(path.dirname(file));
      if (free.bavail * free.bsize <= leave + block.length) break;
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
}

it('stops part way on a full disk, says how far it got, keeps the store, and completes when run again', async () => {
  // The backup: a demo store elsewhere, exported.
  const source = tempDir('fault-restore-source');
  dirs.push(source);
  await seededStore(source, ACCOUNTS);
  let backend = await openAt(source);
  const backup: BackupFile = await backend.call('backup.export', {});
  await backend.close();
  expect(backup.docs.length).toBeGreaterThan(ACCOUNTS * 40);

  // The target holds accounts of its own before the restore.
  const dataDir = path.join(mountPoint, 'store');
  backend = await openAt(dataDir);
  const own: string[] = [];
  for (let i = 0; i < 5; i++) {
    own.push(
      (
        await backend.call('account.create', {
          data: { ...validAccount, name: `原有客户 ${i}` } as never,
        })
      )._id,
    );
  }
  const filler = path.join(mountPoint, 'filler');
  fill(filler, 2 * 1024 * 1024);
  let stopped: ApiFailure | null = null;
  try {
    await backend.call('backup.import', { backup, overwrite: false });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    stopped = error;
  }
  expect(stopped?.errors[0]).toMatchObject({
    code: 'UNAVAILABLE',
    messageKey: 'backup.restoreStopped',
  });
  // Every document of the backup, and one timeline entry for each account it restores.
  const { written, total } = stopped!.errors[0].params as { written: number; total: number };
  expect(total).toBe(backup.docs.length + ACCOUNTS);
  expect(written).toBeLessThan(total);
  expect(stopped!.errors[0].message).toContain(`after ${written} of ${total} documents`);
  // What the store held before is still there, read through the app while it refuses writes.
  for (const id of own) expect((await backend.call('account.get', { id }))._id).toBe(id);
  // Closing may fail too (SQLite's checkpoint on the full disk); the store closes all the same.
  await backend.close().catch(() => undefined);

  // Space returns; reopened, the store holds its own accounts and part of the backup.
  fs.rmSync(filler);
  const have = await pouchIds(dataDir);
  expect(own.filter((id) => !have.has(id))).toEqual([]);
  const restoredPart = backup.docs.filter((d) => have.has(String(d._id))).length;
  expect(restoredPart).toBeLessThan(backup.docs.length);
  // Every document the refusal counted as written is in the store (each batch was synced).
  expect(restoredPart).toBeGreaterThanOrEqual(written);
  backend = await openAt(dataDir);
  try {
    const report = await backend.call('backup.import', { backup, overwrite: false });
    expect(report.created + report.unchanged).toBe(backup.docs.length);
    expect(report.conflicts).toEqual([]);
    const after = await pouchIdsOpen(backend);
    expect(backup.docs.filter((d) => !after.has(String(d._id)))).toEqual([]);
    expect(own.filter((id) => !after.has(id))).toEqual([]);
    const info = await backend.call('system.info', {});
    expect(info.projection.docs).toBe(info.docCount);
  } finally {
    await backend.close();
  }
});

async function pouchIdsOpen(backend: Awaited<ReturnType<typeof openAt>>): Promise<Set<string>> {
  const { docs } = await backend.ctx.store.readWithHistory();
  return new Set(docs.map((d) => d._id));
}
