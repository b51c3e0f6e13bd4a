// Browser mode's backend in a worker thread (main/worker/workerBackend.ts): the same API answers
// through the thread, over real HTTP too; a store that cannot open is reported; closing lets
// calls already sent finish, flushes the store, and refuses later calls as unavailable.
import fs from 'node:fs';
import path from 'node:path';
import { startWebServer } from '../../../main/http/server';
import { WorkerBackend } from '../../../main/worker/workerBackend';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = tempDir('worker-backend');
});
afterEach(() => removeDir(dir));

const account = (name: string) => ({ data: { name, tier: 'micro', ownerCsm: 'li.na' } });

describe('backend in a worker thread', () => {
  it('answers API calls, and what it wrote is there for the next process', async () => {
    const worker = await WorkerBackend.start({ dataDir: dir, user: 'li.na' });
    try {
      const created = await worker.dispatch('account.create', account('西部能源'));
      expect(created).toMatchObject({ ok: true, data: { name: '西部能源', createdBy: 'li.na' } });
      const refused = await worker.dispatch('account.create', { data: { name: '' } });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.errors.map((e) => e.path.join('.'))).toContain('data.name');
    } finally {
      await worker.close();
    }

    const backend = await openBackend(dir);
    const list = await backend.dispatch('account.list', {});
    expect(list).toMatchObject({ ok: true, data: { total: 1, items: [{ name: '西部能源' }] } });
    await backend.close();
  });

  it('serves browser mode over HTTP', async () => {
    const worker = await WorkerBackend.start({ dataDir: dir });
    const server = await startWebServer({ dispatcher: worker });
    try {
      const response = await fetch(`${server.url}/api/account.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csm-token': server.token },
        body: JSON.stringify(account('东方物流')),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, data: { name: '东方物流' } });
    } finally {
      await server.close();
      await worker.close();
    }
  });

  it('finishes the calls already sent before closing, then refuses new ones', async () => {
    const worker = await WorkerBackend.start({ dataDir: dir });
    const sent = ['甲', '乙', '丙'].map((n) => worker.dispatch('account.create', account(n)));
    const closed = worker.close();
    const late = await worker.dispatch('account.list', {});
    await closed;
    expect(late).toMatchObject({ ok: false, errors: [{ code: 'UNAVAILABLE' }] });
    expect((await Promise.all(sent)).map((r) => r.ok)).toEqual([true, true, true]);

    const backend = await openBackend(dir);
    expect(await backend.dispatch('account.list', {})).toMatchObject({ data: { total: 3 } });
    await backend.close();
  });

  it('reports a store that cannot open', async () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    await expect(WorkerBackend.start({ dataDir: path.join(file, 'data') })).rejects.toThrow(
      /ENOTDIR|not a directory/,
    );
  });
});
