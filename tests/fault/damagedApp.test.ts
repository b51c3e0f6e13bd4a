// The app on a damaged store: the backend process does not crash nor rebuild; it reports the
// typed `damaged` state, refuses every other call with `store.damaged`, repairs on request and
// then serves the repaired store. Bounds: one 3-account demo store, 60 s.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pouchLocation } from '../../main/store/pouch';
import { projectionFile } from '../../main/store/store';
import { serve } from '../../main/worker/backendProcess';
import type { FromBackend, ToBackend } from '../../main/worker/protocol';
import { openAt, seededStore, tempDir } from './helpers';

jest.setTimeout(60_000);

/** A port like Electron's parentPort: calls go in, replies come out by id. */
class Port extends EventEmitter {
  private next = 1;
  postMessage(message: FromBackend) {
    this.emit('sent', message);
  }
  call(method: string, input: unknown = {}): Promise<FromBackend> {
    const id = this.next++;
    return new Promise((resolve) => {
      const onSent = (m: FromBackend) => {
        if (m.kind !== 'reply' || m.id !== id) return;
        this.off('sent', onSent);
        resolve(m);
      };
      this.on('sent', onSent);
      this.emit('message', { data: { kind: 'call', id, method, input } satisfies ToBackend });
    });
  }
}

/** Serves the store in `dir` through a backend process on a fake port. */
async function served(dir: string) {
  const port = new Port();
  const ready = new Promise((resolve) =>
    port.on('sent', (m: FromBackend) => m.kind === 'ready' && resolve(m)),
  );
  let closed!: () => void;
  const exited = new Promise<void>((resolve) => (closed = resolve));
  void serve(port as never, dir, { user: 'li.na', exit: closed });
  await ready;
  return {
    port,
    close: async () => {
      port.emit('message', { data: { kind: 'close' } });
      await exited;
    },
  };
}

it('repairs from a backup file given in the app what neither LevelDB nor the index kept', async () => {
  const dir = tempDir('fault-app-backup');
  try {
    const ids = await seededStore(dir, 3);
    const backend = await openAt(dir);
    const backup = await backend.call('backup.export', {});
    await backend.close();
    // Everything LevelDB held is gone but its manifest, and the local index with it.
    const location = pouchLocation(dir);
    for (const name of fs.readdirSync(location))
      if (name === 'CURRENT' || /\.(log|ldb)$/.test(name)) fs.rmSync(path.join(location, name));
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(`${projectionFile(dir)}${suffix}`, { force: true });

    const app = await served(dir);
    try {
      expect(await app.port.call('store.status')).toMatchObject({
        result: { ok: true, data: { state: 'damaged' } },
      });
      expect(await app.port.call('store.repair', { backup: { not: 'a backup' } })).toMatchObject({
        result: { ok: false, errors: [{ code: 'VALIDATION', messageKey: 'storeUi.notABackup' }] },
      });
      const repaired = await app.port.call('store.repair', { backup });
      expect(repaired).toMatchObject({
        result: { ok: true, data: { fromLevelDb: 0, fromBackup: ids.size, total: ids.size } },
      });
    } finally {
      await app.close();
    }
  } finally {
    // Removing the folder fails if anything still holds the store open after the close.
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('shows a damaged store, refuses other calls, repairs it on request and serves it', async () => {
  const dir = tempDir('fault-app');
  try {
    const ids = await seededStore(dir, 3);
    fs.rmSync(path.join(pouchLocation(dir), 'CURRENT'));
    const port = new Port();
    const ready = new Promise((resolve) =>
      port.on('sent', (m: FromBackend) => m.kind === 'ready' && resolve(m)),
    );
    let closed!: () => void;
    const exited = new Promise<void>((resolve) => (closed = resolve));
    void serve(port as never, dir, { user: 'li.na', exit: closed });
    expect(await ready).toEqual({ kind: 'ready', dataDir: dir });

    expect(await port.call('store.status')).toMatchObject({
      result: { ok: true, data: { state: 'damaged', reason: expect.stringMatching(/CURRENT/) } },
    });
    expect(await port.call('account.list', {})).toMatchObject({
      result: { ok: false, errors: [{ code: 'UNAVAILABLE', messageKey: 'store.damaged' }] },
    });
    const repaired = await port.call('store.repair');
    expect(repaired).toMatchObject({ result: { ok: true, data: { total: ids.size } } });
    // Once repaired, the real backend answers.
    let status = await port.call('store.status');
    for (
      let i = 0;
      i < 50 && (status as { result: { data?: { state: string } } }).result.data?.state !== 'ok';
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
      status = await port.call('store.status');
    }
    expect(status).toMatchObject({ result: { ok: true, data: { state: 'ok' } } });
    expect(await port.call('system.info')).toMatchObject({
      result: { ok: true, data: { docCount: ids.size } },
    });
    port.emit('message', { data: { kind: 'close' } });
    await exited;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
