// A fresh load fills the trigger-kept tables (account_stats, alert_dirty) with one statement
// each at the end (main/projection/bulkFill.ts): the result must equal the incremental
// projection's, also when a document comes twice in the load (a later revision) or is deleted.
import path from 'node:path';
import Database from 'better-sqlite3';
import { Loader, safeTitle } from '../../../main/projection/loader';
import { migrate } from '../../../main/projection/migrate';
import { Projector, type Change } from '../../../main/projection/projector';
import { dayFrom } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

let rev = 0;
const doc = (id: string, fields: Record<string, unknown>): Change => ({
  id,
  doc: { ...fields, _id: id, _rev: `${++rev}-a` },
});

/** Two accounts; issues opened and closed, touches added and deleted, in one feed. */
const feed = (): Change[][] => [
  [
    doc('account:a', { type: 'account', name: '甲', accountId: 'account:a' }),
    doc('issue:a:1', { type: 'issue', accountId: 'account:a', status: 'new', title: '一' }),
    doc('issue:a:2', { type: 'issue', accountId: 'account:a', status: 'inProgress', title: '二' }),
    doc('visit:a:1', { type: 'visit', accountId: 'account:a', status: 'done', date: dayFrom(-9) }),
    doc('visit:a:2', { type: 'visit', accountId: 'account:a', status: 'done', date: dayFrom(-3) }),
    // An account's documents before the account itself.
    doc('touchpoint:b:1', { type: 'touchpoint', accountId: 'account:b', date: dayFrom(-5) }),
    doc('issue:b:1', { type: 'issue', accountId: 'account:b', status: 'closed', title: '三' }),
  ],
  [
    doc('account:b', { type: 'account', name: '乙', accountId: 'account:b' }),
    // Later revisions in the same load: one issue closed, the latest visit deleted.
    doc('issue:a:1', { type: 'issue', accountId: 'account:a', status: 'closed', title: '一' }),
    { id: 'visit:a:2', deleted: true },
    doc('timeline:c:1', { type: 'timeline', accountId: 'account:c', at: dayFrom(-1) }),
  ],
];

function dump(db: Database.Database) {
  return {
    accountStats: db.prepare('SELECT * FROM account_stats ORDER BY account_id').all(),
    alertDirty: db.prepare('SELECT * FROM alert_dirty ORDER BY account_id').all(),
    docs: db.prepare('SELECT id, type, account_id, status, date, json FROM docs ORDER BY id').all(),
    triggers: db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all(),
  };
}

describe('bulk fills of a fresh load', () => {
  it('equal the per-row triggers of the incremental projection', () => {
    const incremental = new Database(path.join(dir, 'incremental.sqlite'));
    migrate(incremental);
    const projector = new Projector(incremental, safeTitle);
    const changes = feed();
    for (const batch of changes) incremental.transaction(() => projector.apply(batch))();
    const expected = dump(incremental);
    incremental.close();

    const file = path.join(dir, 'fresh.sqlite');
    const loader = new Loader(file, 'fresh');
    for (const batch of changes) loader.apply(batch);
    loader.finish({});
    const fresh = new Database(file, { readonly: true });
    const actual = dump(fresh);
    fresh.close();

    expect(expected.accountStats).toEqual([
      { account_id: 'account:a', open_issues: 1, last_touch: dayFrom(-9) },
      { account_id: 'account:b', open_issues: 0, last_touch: dayFrom(-5) },
    ]);
    expect(expected.alertDirty.map((r) => (r as { account_id: string }).account_id)).toEqual([
      'account:a',
      'account:b',
    ]);
    expect(actual).toEqual(expected);
    // The load's own triggers are back, so the file keeps itself current from here on.
    expect(actual.triggers.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['account_stats_ins', 'account_stats_upd', 'alert_dirty_del']),
    );
  });
});
