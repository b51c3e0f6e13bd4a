// The renewal refresh after a contract or account write looks the account's active contracts up
// in an index (type, status and account all equalities), never scans every contract: a scan made
// each write cost more as the store grew (an import of 1,000 accounts took seconds more a round).
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadDemo } from '../../../main/demo/load';
import { REFRESH_RENEWAL } from '../../../main/projection/projector';
import { Store } from '../../../main/store/store';
import { testClock } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

it('finds an account’s active contracts by index, not by a scan of every contract', async () => {
  const store = await Store.open({ dataDir: dir });
  await loadDemo(store, 30, { seed: 7, today: testClock.today(), user: 'plan.test' });
  await store.close();
  const db = new Database(path.join(dir, 'projection.sqlite'), { readonly: true });
  try {
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${REFRESH_RENEWAL} WHERE id = ?`).all('x') as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    const docsSteps = plan.filter((d) => / docs /.test(d));
    expect(docsSteps).toHaveLength(2);
    for (const step of docsSteps) {
      expect(step).toMatch(/^SEARCH docs USING COVERING INDEX \w+ \(.*account_id=\?/);
      expect(step).toMatch(/status=\?/);
    }
  } finally {
    db.close();
  }
});
