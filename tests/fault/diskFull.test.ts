// A full disk: the store lives on a 20 MiB tmpfs (`mount -t tmpfs -o size=20m`, as root; the
// test fails with the reason if the sandbox refuses the mount, rather than pretending). A filler
// file takes the free space, writes go on until the store refuses, the filler is removed (space
// returns) and the store still refuses until it is reopened; after the reopen every write it
// acknowledged is there. Bounds: 20 MiB, at most 2,000 writes, 120 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApiFailure } from '../../shared/api/errors';
import { validAccount } from '../fixtures/entities';
import { openAt, pouchIds, tempDir } from './helpers';

jest.setTimeout(120_000);
const MAX_WRITES = 2000;

let mountPoint: string;
beforeAll(() => {
  mountPoint = tempDir('fault-disk');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mountPoint]);
});
afterAll(() => {
  execFileSync('umount', ['--lazy', mountPoint]); // lazy: a failed test may leave a store open
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills the file system until it has about `leave` bytes free. */
function fill(file: string, leave: number): void {
  const fd = fs.openSync(file, 'w');
  const block = new Uint8Array(256 * 1024).fill(1);
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

/**
 * Fills the disk under the LevelDB folder, writes until refused, frees the space, checks the
 * store still refuses, reopens and checks every acknowledged write. `layout` puts the whole
 * data folder on the small disk, or only LevelDB's folder (a symlink), so LevelDB's own ENOSPC
 * is met rather than SQLite's.
 */
async function fullDiskScenario(layout: 'folder' | 'leveldbOnly'): Promise<{ acked: number }> {
  const small = path.join(mountPoint, layout);
  const dataDir = layout === 'folder' ? small : tempDir('fault-disk-data');
  if (layout === 'leveldbOnly') {
    fs.mkdirSync(small);
    fs.symlinkSync(small, path.join(dataDir, 'workbench.pouch'));
  }
  const filler = path.join(mountPoint, `filler-${layout}`);
  let backend = await openAt(dataDir);
  const acked: string[] = [];
  const create = (name: string) =>
    backend.call('account.create', { data: { ...validAccount, name } as never });
  fill(filler, 512 * 1024);
  let refusal: ApiFailure | null = null;
  for (let i = 0; i < MAX_WRITES && !refusal; i++) {
    try {
      acked.push((await create(`full-${i}`))._id);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      refusal = error;
    }
  }
  expect(refusal?.errors[0]).toMatchObject({ code: 'UNAVAILABLE', messageKey: 'store.diskFull' });
  // Space returns, but the store that failed to write does not pretend it can.
  fs.rmSync(filler);
  let refusedAfter = 0;
  for (let i = 0; i < 20; i++) {
    await create(`after-${i}`).catch((error: ApiFailure) => {
      expect(error.errors[0].messageKey).toBe('store.diskFull');
      refusedAfter++;
    });
  }
  expect(refusedAfter).toBe(20);
  await backend.close().catch(() => undefined);

  // Reopened, it holds every acknowledged write, and writes again.
  const have = await pouchIds(dataDir);
  expect(acked.filter((id) => !have.has(id))).toEqual([]);
  backend = await openAt(dataDir);
  try {
    const later = await create('after-restart');
    expect((await backend.call('account.get', { id: later._id }))._id).toBe(later._id);
    const info = await backend.call('system.info', {});
    expect(info.projection.docs).toBe(info.docCount);
  } finally {
    await backend.close();
    if (layout === 'leveldbOnly') fs.rmSync(dataDir, { recursive: true, force: true });
  }
  expect(acked.length).toBeGreaterThan(0);
  return { acked: acked.length };
}

describe('a full disk', () => {
  it('under the whole data folder: refuses writes instead of losing them, recovers on reopen', async () => {
    await fullDiskScenario('folder');
  });

  it('under LevelDB alone (its own ENOSPC): refuses writes instead of losing them', async () => {
    await fullDiskScenario('leveldbOnly');
  });
});
