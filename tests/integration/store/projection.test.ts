// The projection is derived: it survives restarts, catches up after a crash, and is rebuilt
// when missing, corrupt, from another store or from a newer version.
import { dayFrom, instantFrom } from '../../helpers/clock';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../../main/backend';
import { LATEST_VERSION } from '../../../main/projection/migrate';
import { validAccount, validInputs } from '../../fixtures/entities';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const projectionFile = () => path.join(dir, 'projection.sqlite');

/** Everything the projection holds, in a stable order, to compare two projections. */
function dump(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      docs: db
        .prepare(
          'SELECT id, type, account_id, rev, title, status, priority, owner, date, due_date, amount, json FROM docs ORDER BY id',
        )
        .all(),
      accounts: db.prepare('SELECT * FROM accounts ORDER BY id').all(),
      actions: db.prepare('SELECT * FROM action_items ORDER BY doc_id, item_key').all(),
      // Tables kept by triggers on docs (filled set-wise at the end of a rebuild: bulkFill.ts).
      accountStats: db.prepare('SELECT * FROM account_stats ORDER BY account_id').all(),
      alertDirty: db.prepare('SELECT * FROM alert_dirty ORDER BY account_id').all(),
      alertRows: db.prepare('SELECT * FROM alert_rows ORDER BY key').all(),
      search: db
        .prepare(
          'SELECT d.id FROM search JOIN docs d ON d.n = search.rowid WHERE search MATCH \'"续约"\' ORDER BY d.id',
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

async function seed(backend: Backend): Promise<string> {
  const account = await backend.call('account.create', { data: validAccount as never });
  await backend.call('contract.create', {
    accountId: account._id,
    data: validInputs.contract as never,
  });
  await backend.call('issue.create', { accountId: account._id, data: validInputs.issue as never });
  await backend.call('visit.create', {
    accountId: account._id,
    data: {
      ...(validInputs.visit as object),
      date: dayFrom(-22),
      status: 'done',
      minutes: '客户确认续约意向',
      actionItems: [
        { key: 'a1', title: '发送续约报价', owner: 'zhang.wei', dueDate: dayFrom(-13) },
      ],
    } as never,
  });
  return account._id;
}

describe('projection lifecycle', () => {
  it('keeps data across a restart', async () => {
    let backend = await openBackend(dir);
    const accountId = await seed(backend);
    await backend.close();
    const rebuilds: string[] = [];
    backend = await openBackend(dir, { onRebuild: (r) => rebuilds.push(r) });
    expect(rebuilds).toEqual([]);
    const brief = await backend.call('account.brief', { id: accountId });
    expect(brief.account.name).toBe(validAccount.name);
    expect(brief.openIssues).toHaveLength(1);
    expect(brief.renewalDate).toBe(dayFrom(403));
    await backend.close();
  });

  it('rebuilds a deleted projection identical to the old one, with progress', async () => {
    let backend = await openBackend(dir);
    await seed(backend);
    await backend.close();
    const before = dump(projectionFile());
    expect(before.search.length).toBeGreaterThan(0);
    fs.rmSync(projectionFile());

    const progress: number[] = [];
    const reasons: string[] = [];
    backend = await openBackend(dir, {
      onProgress: (p) => progress.push(p.done),
      onRebuild: (r) => reasons.push(r),
    });
    await backend.close();
    expect(reasons).toEqual(['missing']);
    expect(progress.at(-1)).toBe(before.docs.length);
    expect(dump(projectionFile())).toEqual(before);
  });

  it('catches up on open when PouchDB got ahead of it (a crash between the two writes)', async () => {
    let backend = await openBackend(dir);
    const accountId = await seed(backend);
    // Write behind the store's back, as if the process died after PouchDB's write.
    const issue = {
      ...validInputs.issue,
      title: '崩溃前写入的问题',
      _id: `issue:${accountId.slice(8)}:01CRASHED000000000000000000`,
      type: 'issue',
      accountId,
      schemaVersion: 1,
      createdAt: instantFrom(0).toISOString(),
      createdBy: 'zhang.wei',
      updatedAt: instantFrom(0).toISOString(),
      updatedBy: 'zhang.wei',
    };
    await backend.ctx.store.replicationHandle().put(issue);
    expect(backend.ctx.queries.getDoc(issue._id)).toBeNull();
    await backend.close();

    backend = await openBackend(dir);
    expect((await backend.call('issue.get', { id: issue._id })).title).toBe('崩溃前写入的问题');
    const hits = await backend.call('search.query', { q: '崩溃' });
    expect(hits.hits.map((h) => h.id)).toEqual([issue._id]);
    await backend.close();
  });

  it('detects a corrupt projection file and rebuilds it', async () => {
    let backend = await openBackend(dir);
    const accountId = await seed(backend);
    await backend.close();
    fs.writeFileSync(projectionFile(), 'this is not a database '.repeat(500));
    const reasons: string[] = [];
    backend = await openBackend(dir, { onRebuild: (r) => reasons.push(r) });
    expect(reasons[0]).toMatch(/^unreadable|^corrupt/);
    expect((await backend.call('account.brief', { id: accountId })).openIssues).toHaveLength(1);
    await backend.close();
  });

  it('runs a full check after an unclean shutdown and rebuilds damaged pages', async () => {
    let backend = await openBackend(dir);
    await seed(backend);
    await backend.close();
    // Mark as not cleanly closed and scribble over the middle of the file.
    const db = new Database(projectionFile());
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'clean'").run();
    db.close();
    const bytes = new Uint8Array(fs.readFileSync(projectionFile()));
    const pageSize = 4096;
    for (let i = pageSize * 2; i < bytes.length - pageSize; i++) bytes[i] = 0x5a;
    fs.writeFileSync(projectionFile(), bytes);
    const reasons: string[] = [];
    backend = await openBackend(dir, { onRebuild: (r) => reasons.push(r) });
    expect(reasons[0]).toMatch(/^corrupt|^unreadable/);
    expect((await backend.call('system.info', {})).projection.docs).toBeGreaterThan(0);
    await backend.close();
  });

  it('rebuilds a projection from a newer version instead of trusting it', async () => {
    let backend = await openBackend(dir);
    await seed(backend);
    await backend.close();
    const db = new Database(projectionFile());
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    const reasons: string[] = [];
    backend = await openBackend(dir, { onRebuild: (r) => reasons.push(r) });
    expect(reasons).toEqual([
      `projection schema ${LATEST_VERSION + 10} is newer than this app supports (${LATEST_VERSION})`,
    ]);
    await backend.close();
    const check = new Database(projectionFile(), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    check.close();
  });

  it('rebuilds a projection that belongs to another store', async () => {
    const other = tempDir();
    try {
      const a = await openBackend(other);
      await seed(a);
      await a.close();
      const b = await openBackend(dir);
      await b.close();
      fs.copyFileSync(path.join(other, 'projection.sqlite'), projectionFile());
      const reasons: string[] = [];
      const reopened = await Backend.open({
        dataDir: dir,
        user: 'x',
        onRebuild: (r) => reasons.push(r),
      });
      expect(reasons).toEqual(['belongs to another store']);
      expect((await reopened.call('account.list', {})).total).toBe(0);
      await reopened.close();
    } finally {
      removeDir(other);
    }
  });

  it('catches up with documents that arrived by replication', async () => {
    const backend = await openBackend(dir);
    const accountId = await seed(backend);
    const remote = {
      ...validInputs.touchpoint,
      _id: `touchpoint:${accountId.slice(8)}:01REPLICATED00000000000000`,
      type: 'touchpoint',
      accountId,
      schemaVersion: 1,
      createdAt: instantFrom(0).toISOString(),
      createdBy: 'li.na',
      updatedAt: instantFrom(0).toISOString(),
      updatedBy: 'li.na',
    };
    await backend.ctx.store
      .replicationHandle()
      .bulkDocs([{ ...remote, _rev: '1-abc' }], { new_edits: false });
    expect(backend.ctx.queries.getDoc(remote._id)).toBeNull();
    expect(await backend.ctx.store.catchUp()).toBe(1);
    expect(backend.ctx.queries.getDoc(remote._id)).toMatchObject({ createdBy: 'li.na' });
    // A write after a replicated one notices the gap in sequence numbers and catches up.
    const later = { ...remote, _id: remote._id.replace('REPLICATED', 'REPLICATEE'), _rev: '1-abd' };
    await backend.ctx.store.replicationHandle().bulkDocs([later], { new_edits: false });
    await backend.call('touchpoint.create', { accountId, data: validInputs.touchpoint as never });
    expect(backend.ctx.queries.getDoc(later._id)).toMatchObject({ createdBy: 'li.na' });
    await backend.close();
  });
});
