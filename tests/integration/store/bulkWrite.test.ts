// The bulk path (Store.bulkWrite, DocumentWriter.bulkPut) and the threaded rebuild: whichever
// way documents arrive (a fresh file swapped in, the live file, a worker thread or this one, the
// changes feed after a fallback), the projection ends up exactly what a rebuild makes of the
// store, every write is synced, and the file passes SQLite's and FTS5's own integrity checks.
import path from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../../main/backend';
import { demoBatches } from '../../../main/demo/generate';
import { demoLoadBatches, loadDemo } from '../../../main/demo/load';
import { durabilityOf } from '../../../main/store/durability';
import { pouchLocation } from '../../../main/store/pouch';
import { Store, type WriteDoc } from '../../../main/store/store';
import { testClock } from '../../helpers/clock';
import { validAccount } from '../../fixtures/entities';
import { removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(120_000);

let dir: string;
beforeEach(() => {
  dir = tempDir('bulk');
});
afterEach(() => removeDir(dir));

const demo = { seed: 5, today: testClock.today(), user: 'bulk.test' };

/** Everything the projection holds, in a stable order (row numbers aside). */
function dump(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      docs: db
        .prepare(
          'SELECT id, type, account_id, rev, title, status, priority, owner, date, due_date, amount, conflicts, json FROM docs ORDER BY id',
        )
        .all(),
      accounts: db.prepare('SELECT * FROM accounts ORDER BY id').all(),
      requirements: db.prepare('SELECT * FROM requirements ORDER BY id').all(),
      requirementAsks: db.prepare('SELECT * FROM requirement_asks ORDER BY id').all(),
      actions: db.prepare('SELECT * FROM action_items ORDER BY doc_id, item_key').all(),
      health: db.prepare('SELECT * FROM usage_points ORDER BY 1, 2, 3').all(),
      search: ['续约', 'renewal*', '培训'].map((q) =>
        db
          .prepare(
            `SELECT d.id FROM search JOIN docs d ON d.n = search.rowid WHERE search MATCH ? ORDER BY d.id`,
          )
          .all(q.endsWith('*') ? q : `"${q.slice(0, 1)}${q.slice(1, 2)}"`),
      ),
    };
  } finally {
    db.close();
  }
}

function checks(file: string): { sqlite: unknown; fts: string } {
  const db = new Database(file, { readonly: false });
  try {
    const sqlite = db.pragma('integrity_check', { simple: true });
    let fts = 'ok';
    try {
      db.exec("INSERT INTO search (search, rank) VALUES ('integrity-check', 0)");
    } catch (error) {
      fts = (error as Error).message;
    }
    return { sqlite, fts };
  } finally {
    db.close();
  }
}

const fileOf = (dataDir: string) => path.join(dataDir, 'projection.sqlite');

/** The projection as a rebuild makes it from the same store, for comparison. */
async function rebuiltDump(dataDir: string): Promise<ReturnType<typeof dump>> {
  const store = await Store.open({ dataDir, loaderThread: 'never' });
  await store.rebuildProjection();
  await store.close();
  return dump(fileOf(dataDir));
}

function demoDocs(accounts: number): WriteDoc[] {
  return [...demoBatches(accounts, demo)].flat();
}

it('loads demo data into a new store (a fresh file swapped in) as a rebuild would', async () => {
  const dataDir = path.join(dir, 'new');
  const reasons: string[] = [];
  const backend = await Backend.open({ dataDir, user: 'bulk.test', clock: testClock });
  const state = durabilityOf(pouchLocation(dataDir));
  const [writes, syncs] = [state.writes, state.syncs];
  const report = await loadDemo(backend.ctx.store, 25, demo);
  // Every LevelDB write of the load was synced; at least one per 1,000-document batch.
  expect(state.writes - writes).toBe(state.syncs - syncs);
  expect(state.syncs - syncs).toBeGreaterThanOrEqual(Math.ceil(report.docs / 1000));
  expect(backend.ctx.queries.docCount()).toBe(report.docs);
  // The batches the bench writes bare for its baseline are the documents the load wrote.
  const generated = [...demoLoadBatches(25, demo)].flat();
  expect(generated).toHaveLength(report.docs);
  const stored = new Set((await backend.ctx.store.allDocs()).map((d) => d._id));
  expect(generated.filter((d) => !stored.has(d._id))).toEqual([]);
  const info = await backend.ctx.store.info();
  expect(backend.ctx.store.projection.checkpoint).toBe(String(info.updateSeq));
  const hits = await backend.call('search.query', { q: '续约', limit: 5 });
  expect(hits.hits.length).toBeGreaterThan(0);
  await backend.close();
  const loaded = dump(fileOf(dataDir));
  expect(checks(fileOf(dataDir))).toEqual({ sqlite: 'ok', fts: 'ok' });
  // Reopened, it is trusted as it is (no rebuild) and equals a rebuild of the same store.
  const again = await Backend.open({
    dataDir,
    user: 'bulk.test',
    clock: testClock,
    onRebuild: (r) => reasons.push(r),
  });
  expect(again.ctx.queries.docCount()).toBe(report.docs);
  await again.close();
  expect(reasons).toEqual([]);
  expect(loaded).toEqual(await rebuiltDump(dataDir));
});

it.each(['never', 'always'] as const)(
  'loads into a store that has documents (the live file, loader thread %s) as a rebuild would',
  async (loaderThread) => {
    const dataDir = path.join(dir, `live-${loaderThread}`);
    const backend = await Backend.open({ dataDir, user: 'bulk.test', clock: testClock });
    await backend.call('account.create', { data: { ...validAccount } as never });
    const docs = demoDocs(20);
    const catchUp = jest.spyOn(backend.ctx.store.projection, 'catchUp');
    const results = await backend.ctx.store.bulkWrite(docs, { loaderThread, batch: 300 });
    expect(results.map((r) => r.id)).toEqual(docs.map((d) => d._id));
    expect(results.every((r) => r.ok)).toBe(true);
    // Each batch follows on from the one before it, still waiting for the projection: none is
    // read back from the changes feed.
    expect(catchUp).not.toHaveBeenCalled();
    const info = await backend.ctx.store.info();
    expect(backend.ctx.queries.docCount()).toBe(info.docCount);
    expect(backend.ctx.store.projection.checkpoint).toBe(String(info.updateSeq));
    await backend.close();
    const loaded = dump(fileOf(dataDir));
    expect(loaded).toEqual(await rebuiltDump(dataDir));
  },
);

it('loads on a worker thread into a new store as in this thread', async () => {
  const docs = demoDocs(15);
  const dumps = [];
  for (const loaderThread of ['always', 'never'] as const) {
    const dataDir = path.join(dir, `fresh-${loaderThread}`);
    const store = await Store.open({ dataDir });
    const results = await store.bulkWrite(docs, { loaderThread, batch: 250 });
    expect(results.filter((r) => r.ok)).toHaveLength(docs.length);
    await store.close();
    dumps.push(dump(fileOf(dataDir)));
    expect(checks(fileOf(dataDir))).toEqual({ sqlite: 'ok', fts: 'ok' });
  }
  expect(dumps[0]).toEqual(dumps[1]);
});

it('answers each document on its own: a conflict fails that one, the others are written', async () => {
  const dataDir = path.join(dir, 'conflict');
  const store = await Store.open({ dataDir });
  const docs = demoDocs(3);
  const [first] = await store.bulkWrite([docs[0]]);
  expect(first.ok).toBe(true);
  // docs[0] again without its revision: a 409 for it alone; the batch falls back to the feed.
  const results = await store.bulkWrite(docs, { batch: 50 });
  expect(results[0]).toMatchObject({ id: docs[0]._id, ok: false, status: 409 });
  expect(results.slice(1).every((r) => r.ok)).toBe(true);
  const info = await store.info();
  expect(store.projection.checkpoint).toBe(String(info.updateSeq));
  await store.close();
  expect(dump(fileOf(dataDir))).toEqual(await rebuiltDump(dataDir));
});

/**
 * A backup of a demo store with one more account, and a conflicting leaf of that account, as
 * a backup of a synced store can hold.
 */
async function backupWithLeaf(accounts: number) {
  const source = path.join(dir, 'source');
  const backend = await Backend.open({ dataDir: source, user: 'bulk.test', clock: testClock });
  await loadDemo(backend.ctx.store, accounts, demo);
  const created = await backend.call('account.create', { data: { ...validAccount } as never });
  const backup = await backend.call('backup.export', {});
  await backend.close();
  const leaf = {
    ...(backup.docs.find((d) => d._id === created._id) as object),
    _rev: '1-0123456789abcdef0123456789abcdef',
    _revisions: { start: 1, ids: ['0123456789abcdef0123456789abcdef'] },
    name: 'leaf',
  };
  return { backup, created, leaf };
}

it('restores revisions as given (new_edits false, the bulk path), conflicting leaves included', async () => {
  const { backup, created, leaf } = await backupWithLeaf(8);
  for (const target of ['empty', 'holding']) {
    const dataDir = path.join(dir, target);
    const store = await Store.open({ dataDir });
    if (target === 'holding') await store.bulkWrite(demoDocs(2));
    await store.restore([...(backup.docs as never[]), leaf as never]);
    const restored = await store.getWithConflicts(created._id);
    expect(restored?._conflicts).toHaveLength(1);
    const info = await store.info();
    expect(store.projection.checkpoint).toBe(String(info.updateSeq));
    await store.close();
    expect(dump(fileOf(dataDir))).toEqual(await rebuiltDump(dataDir));
  }
});

it('restores in small batches into a live store: a leaf a later batch brings is not taken as the winner', async () => {
  const { backup, leaf } = await backupWithLeaf(4);
  const dataDir = path.join(dir, 'batched');
  const store = await Store.open({ dataDir });
  // Documents of another demo (other ids): the store is not empty, the restore goes live.
  await store.bulkWrite([...demoBatches(1, { ...demo, seed: 9 })].flat());
  // The account's revision in an early batch, still waiting for the projection when the leaf
  // (which loses to it) comes in the last one.
  const docs = [...(backup.docs as WriteDoc[]), leaf as unknown as WriteDoc];
  const results = await store.bulkWrite(docs, { newEdits: false, batch: 50 });
  expect(results.every((r) => r.ok)).toBe(true);
  const info = await store.info();
  expect(store.projection.checkpoint).toBe(String(info.updateSeq));
  await store.close();
  expect(dump(fileOf(dataDir))).toEqual(await rebuiltDump(dataDir));
});

it('bulkPut validates everything first, then writes each document with its timeline entry', async () => {
  const dataDir = path.join(dir, 'writer');
  const backend = await Backend.open({ dataDir, user: 'bulk.test', clock: testClock });
  const actor = { login: 'bulk.test' } as never;
  const changes = Array.from({ length: 30 }, (_, i) => ({
    kind: 'put' as const,
    type: 'account' as const,
    accountId: '',
    id: `account:BULK${String(i).padStart(22, '0')}`,
    fields: { ...validAccount, name: `批量客户 ${i}` },
  }));
  changes.forEach((c) => (c.accountId = c.id));
  const bad = { ...changes[0], id: 'account:BULKBAD', fields: { ...validAccount, tier: 'nope' } };
  bad.accountId = bad.id;
  await expect(backend.ctx.writer.bulkPut(actor, [...changes, bad])).rejects.toMatchObject({
    errors: [expect.objectContaining({ code: 'VALIDATION' })],
  });
  expect(backend.ctx.queries.docCount()).toBe(0);
  const results = await backend.ctx.writer.bulkPut(actor, changes, { timeline: true });
  expect(results.every((r) => r.ok)).toBe(true);
  const listed = await backend.call('account.list', { limit: 100 });
  expect(listed.total).toBe(30);
  const timeline = await backend.call('timeline.list', { limit: 100 });
  expect(timeline.total).toBe(30);
  // A stale base is a CONFLICT for that document alone.
  const current = await backend.call('account.get', { id: changes[1].id });
  const again = await backend.ctx.writer.bulkPut(actor, [
    { ...changes[0], base: { ...current, _id: changes[0].id, _rev: '1-stale' } as never },
    { ...changes[1], base: current as never, fields: { ...validAccount, name: '改名' } },
  ]);
  expect(again[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(again[1].ok).toBe(true);
  expect((await backend.call('account.get', { id: changes[1].id })).name).toBe('改名');
  await backend.close();
});

it('bulkPut allOrNothing: one stale base takes back every document written, in every batch', async () => {
  const dataDir = path.join(dir, 'allOrNothing');
  const backend = await Backend.open({ dataDir, user: 'bulk.test', clock: testClock });
  const actor = { login: 'bulk.test' } as never;
  const account = (i: number) => {
    const id = `account:ALL${String(i).padStart(23, '0')}`;
    return {
      kind: 'put' as const,
      type: 'account' as const,
      accountId: id,
      id,
      fields: { ...validAccount, name: `整批客户 ${i}` },
    };
  };
  const [kept, stale] = await backend.ctx.writer.bulkPut(actor, [account(0), account(1)]);
  expect(kept.ok && stale.ok).toBe(true);
  const before = await backend.call('account.get', { id: account(0).id });
  const staleBase = await backend.call('account.get', { id: account(1).id });
  // The stale document goes in after the first two batches of 4 were written.
  await backend.call('account.update', {
    id: staleBase._id,
    rev: staleBase._rev!,
    changes: { name: '别人改过' },
  });
  const changes = [
    { ...account(0), base: before as never, fields: { ...validAccount, name: '导入改名' } },
    ...Array.from({ length: 8 }, (_, i) => account(10 + i)),
    { ...account(1), base: staleBase as never, fields: { ...validAccount, name: '导入' } },
  ];
  const docsBefore = backend.ctx.queries.docCount();
  await expect(
    backend.ctx.writer.bulkPut(actor, changes, { allOrNothing: true, batch: 4 }),
  ).rejects.toMatchObject({ errors: [expect.objectContaining({ code: 'CONFLICT' })] });
  expect(backend.ctx.queries.docCount()).toBe(docsBefore);
  expect((await backend.call('account.get', { id: account(0).id })).name).toBe(before.name);
  expect((await backend.call('account.get', { id: account(1).id })).name).toBe('别人改过');
  expect((await backend.call('account.list', { limit: 100 })).total).toBe(2);
  await backend.close();
  expect(dump(fileOf(dataDir))).toEqual(await rebuiltDump(dataDir));
});

it('rebuilds on a worker thread exactly as in this thread, and the file checks clean', async () => {
  const dataDir = path.join(dir, 'rebuild');
  const store = await Store.open({ dataDir });
  await store.bulkWrite(demoDocs(20));
  await store.close();
  const threaded = await Store.open({ dataDir, loaderThread: 'always' });
  const docs = await threaded.rebuildProjection();
  expect(docs).toBe((await threaded.info()).docCount);
  await threaded.close();
  expect(checks(fileOf(dataDir))).toEqual({ sqlite: 'ok', fts: 'ok' });
  const viaThread = dump(fileOf(dataDir));
  expect(viaThread).toEqual(await rebuiltDump(dataDir));
  // The rebuilt file is trusted on the next open (integrity check, identity, checkpoint).
  const reasons: string[] = [];
  const reopened = await Store.open({ dataDir, onRebuild: (r) => reasons.push(r) });
  await reopened.close();
  expect(reasons).toEqual([]);
});
