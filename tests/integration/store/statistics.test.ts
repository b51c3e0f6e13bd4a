// Table statistics only for a projection of real size (projection.ts, ANALYSE_AT_DOCS).
// Statistics taken of a nearly empty projection made SQLite plan for tables that stay tiny: a
// catch-up of 100,000 pulled documents into a new store took 603 µs a document with them, 259
// without, and the cost per document grew with the store.
import path from 'node:path';
import Database from 'better-sqlite3';
import { demoBatches } from '../../../main/demo/generate';
import { Store } from '../../../main/store/store';
import { testClock } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

/** The tables with statistics in the closed store's projection. */
function analysedTables(): string[] {
  const db = new Database(path.join(dir, 'projection.sqlite'), { readonly: true });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get();
    if (!table) return [];
    return db.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').pluck().all() as string[];
  } finally {
    db.close();
  }
}

function demoDocs(count: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  const options = { seed: 5, today: testClock.today(), user: 'stats.test' };
  for (const batch of demoBatches(Math.ceil(count / 20), options)) {
    docs.push(...batch);
    if (docs.length >= count) break;
  }
  return docs.slice(0, count);
}

it('keeps no statistics of a small projection, and analyses after a large catch-up', async () => {
  const store = await Store.open({ dataDir: dir });
  const pouch = store.replicationHandle();
  // Replicated documents land in PouchDB first; the projection catches up behind them.
  await pouch.bulkDocs(demoDocs(500) as never);
  await store.catchUp();
  await store.close();
  expect(analysedTables()).toEqual([]);

  const reopened = await Store.open({ dataDir: dir });
  const docs = demoDocs(11_000).slice(500);
  for (let i = 0; i < docs.length; i += 2000) {
    await reopened.replicationHandle().bulkDocs(docs.slice(i, i + 2000) as never);
  }
  expect(await reopened.catchUp()).toBe(docs.length);
  await reopened.close();
  expect(analysedTables()).toEqual(expect.arrayContaining(['docs', 'accounts']));
}, 120_000);

it('drops statistics an earlier version took of a small projection', async () => {
  const store = await Store.open({ dataDir: dir });
  await store.replicationHandle().bulkDocs(demoDocs(300) as never);
  await store.catchUp();
  await store.close();
  const db = new Database(path.join(dir, 'projection.sqlite'));
  db.exec('ANALYZE');
  db.close();
  expect(analysedTables()).toContain('docs');

  await (await Store.open({ dataDir: dir })).close();
  expect(analysedTables()).toEqual([]);
}, 60_000);
