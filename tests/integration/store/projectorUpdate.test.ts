// A new revision's `docs` row is written over the previous one setting only the columns that
// moved (main/projection/projector.ts): the row, its search entry and every trigger-kept table
// must come out as if the last revision had been the only one, whichever columns moved.
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../main/projection/migrate';
import { safeTitle } from '../../../main/projection/loader';
import { Projector, type Change } from '../../../main/projection/projector';
import { dayFrom } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { projectionTables } from '../../helpers/projectionTables';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

function projection(name: string): Database.Database {
  const db = new Database(path.join(dir, name));
  migrate(db);
  return db;
}

/** Every table but the search index's own, and the search hits of `words`. */
function contents(db: Database.Database, words: string[]): unknown {
  const tables = projectionTables(db);
  const rows = Object.fromEntries(
    tables.map((table) => [
      table,
      db
        .prepare(`SELECT * FROM ${table}`)
        .all()
        .map((row) => {
          // The rowid differs between the two files (the same document, written once or thrice).
          const { n: _n, ...rest } = row as Record<string, unknown>;
          return JSON.stringify(rest);
        })
        .sort(),
    ]),
  );
  const search = db.prepare(
    `SELECT d.id FROM search JOIN docs d ON d.n = search.rowid WHERE search MATCH ? ORDER BY d.id`,
  );
  return { rows, hits: words.map((w) => search.pluck().all(w)) };
}

let rev = 0;
const doc = (id: string, fields: Record<string, unknown>): Change => ({
  id,
  doc: { ...fields, _id: id, _rev: `${++rev}-a` },
});

const issue = (fields: Record<string, unknown>) =>
  doc('issue:a:1', {
    type: 'issue',
    accountId: 'account:a',
    title: 'slow report',
    priority: 'ordinaryFault',
    status: 'new',
    raisedOn: dayFrom(-9),
    updatedAt: `${dayFrom(-9)}T08:00:00.000Z`,
    ...fields,
  });

it('equals a projection of the last revision alone, whichever columns moved', () => {
  const account = doc('account:a', { type: 'account', name: '甲', accountId: 'account:a' });
  const revisions = [
    issue({ description: 'first words' }),
    // The description and the time only.
    issue({ description: 'second words', updatedAt: `${dayFrom(-8)}T08:00:00.000Z` }),
    // Status, priority, owner and due date (the indexed columns), and a new title.
    issue({
      title: 'export fails',
      description: 'second words',
      priority: 'urgentFault',
      status: 'inProgress',
      owner: 'li.na',
      dueDate: dayFrom(-1),
      updatedAt: `${dayFrom(-7)}T08:00:00.000Z`,
    }),
    // A field removed again.
    issue({
      title: 'export fails',
      status: 'inProgress',
      updatedAt: `${dayFrom(-6)}T08:00:00.000Z`,
    }),
  ];
  const revised = projection('revised.sqlite');
  const once = projection('once.sqlite');
  const words = ['slow', 'export', 'first', 'second'];
  try {
    const projector = new Projector(revised, safeTitle);
    projector.apply([account]);
    for (const r of revisions) projector.apply([r]);
    new Projector(once, safeTitle).apply([account, revisions[revisions.length - 1]]);
    expect(contents(revised, words)).toEqual(contents(once, words));
    expect((contents(revised, words) as { hits: string[][] }).hits).toEqual([
      [],
      ['issue:a:1'],
      [],
      [],
    ]);
  } finally {
    revised.close();
    once.close();
  }
});

it('relies on no trigger on docs naming its columns (UPDATE OF)', () => {
  const db = projection('schema.sqlite');
  try {
    const named = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'docs'
         AND sql LIKE '%UPDATE OF%'`,
      )
      .pluck()
      .all();
    expect(named).toEqual([]);
  } finally {
    db.close();
  }
});
