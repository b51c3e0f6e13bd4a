// Today's "recent changes": the last seven days of the timeline, read from the indexed date
// column (a range of the (type, date) index, not a scan of every timeline entry).
import type { Database } from 'better-sqlite3';
import type { Backend } from '../../../main/backend';
import { recentChangesSql } from '../../../main/projection/queries/today';
import { dayStart } from '../../../shared/time/days';
import { dayFrom, movableClock, TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let backend: Backend;
const clock = movableClock(dayFrom(-7));

beforeAll(async () => {
  dir = tempDir('recent');
  backend = await openBackend(dir, { clock });
});
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

async function renamed(id: string, name: string): Promise<void> {
  const account = await backend.call('account.get', { id });
  await backend.call('account.update', { id, rev: account._rev!, changes: { name } });
}

it('lists the changes of the last seven days, newest first, and none older', async () => {
  // Seven days ago is just outside the window; six days ago is its first day.
  const account = await backend.call('account.create', {
    data: { name: '七天前', tier: 'micro', ownerCsm: 'zhang.wei' },
  });
  clock.set(dayFrom(-6));
  await renamed(account._id, '六天前');
  clock.set(TODAY);
  await renamed(account._id, '今天');

  const today = await backend.call('app.today', {});
  const days = today.recentChanges.map((c) => c.at);
  expect(days).toHaveLength(2);
  expect(days[0] > days[1]).toBe(true);
  expect(days[1] >= dayStart(dayFrom(-6)).toISOString()).toBe(true);
  expect(today.recentChanges.every((c) => c.accountName === '今天')).toBe(true);
});

it('reads a range of the (type, date) index, never a scan of the documents', () => {
  const db = backend.ctx.store.projection.db as unknown as Database;
  for (const scope of ['all', 'mine'] as const) {
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${recentChangesSql(scope)}`).all({
        user: 'zhang.wei',
        changesSince: dayStart(dayFrom(-6)).toISOString(),
        limit: 20,
      }) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH d USING INDEX docs_type_date \(type=\? AND date>\?\)$/),
    );
    expect(plan.filter((step) => /^SCAN d\b/.test(step))).toEqual([]);
  }
});
