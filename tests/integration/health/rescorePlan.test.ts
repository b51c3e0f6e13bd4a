// Rescoring one account after a write reads that account's rows through the tables' account
// indexes. Without table statistics SQLite searched the team-wide index of open action items by
// due date instead, so every write that rescored an account got slower as the team grew
// (15.9 ms an issue update at 5,000 accounts, 6.8x a bare durable put). The projection now
// analyses its tables when it opens and before it closes, once it holds 10,000 rows (projection.ts).
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadDemo } from '../../../main/demo/load';
import { scopeCondition, bindings } from '../../../main/projection/queries/scope';
import { Store } from '../../../main/store/store';
import { actionItemSql, overdueTaskSql } from '../../../shared/rules/tasks';
import { testClock } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

it('keeps table statistics, so one account’s overdue action items come by its index', async () => {
  const store = await Store.open({ dataDir: dir });
  // Enough accounts for the statistics to tell a team-wide index from one account's rows.
  await loadDemo(store, 300, { seed: 3, today: testClock.today(), user: 'plan.test' });
  await store.close();
  const db = new Database(path.join(dir, 'projection.sqlite'), { readonly: true });
  try {
    const analysed = db.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').pluck().all();
    expect(analysed).toEqual(expect.arrayContaining(['docs', 'action_items', 'accounts']));
    const account = db.prepare('SELECT id FROM accounts LIMIT 1').pluck().get() as string;
    const scope = scopeCondition({ accountId: account });
    const sql = `SELECT doc_id, item_key, account_id, title, owner, due_date FROM action_items
      WHERE ${overdueTaskSql('?')} AND ${actionItemSql()} AND ${scope.sql}
      ORDER BY due_date, doc_id, item_key`;
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...bindings(scope, [testClock.today()])) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    expect(plan.find((d) => / action_items /.test(d))).toMatch(
      /^SEARCH action_items USING (COVERING )?INDEX action_items_account \(account_id=\?/,
    );
  } finally {
    db.close();
  }
}, 60_000);
