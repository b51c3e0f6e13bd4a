// A fresh load fills every table that triggers on `docs` keep (account stats, alert index,
// health mirrors, requirement asks ...) with one statement each at the end
// (main/projection/bulkFill.ts): the result must equal the incremental projection's, also when a
// document comes twice in the load (a later revision), is deleted, or comes before the documents
// it refers to.
import path from 'node:path';
import Database from 'better-sqlite3';
import { BULK_FILLS } from '../../../main/projection/bulkFill';
import { Loader, safeTitle } from '../../../main/projection/loader';
import { demoBatches } from '../../../main/demo/generate';
import { DemoRequirements } from '../../../main/demo/requirements';
import { TODAY } from '../../helpers/clock';
import { migrate } from '../../../main/projection/migrate';
import { Projector, type Change } from '../../../main/projection/projector';
import { dayFrom } from '../../helpers/clock';
import { removeDir, tempDir } from '../../helpers/tempBackend';
import { projectionTables } from '../../helpers/projectionTables';

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

/** Documents of every type a trigger on `docs` mirrors, revised and deleted across batches. */
const mirroredFeed = (): Change[][] => [
  [
    // An ask before its requirement, its contact, its source and its account.
    doc('ask:a:1', {
      type: 'requirementAsk',
      accountId: 'account:a',
      requirementId: 'requirement:1',
      contactId: 'contact:a:1',
      sourceId: 'issue:a:1',
      sourceType: 'issue',
      askedOn: dayFrom(-20),
      importance: 'high',
      note: '客户原话',
      confirmation: { status: 'confirmed', on: dayFrom(-10) },
    }),
    doc('account:a', {
      type: 'account',
      name: '甲',
      accountId: 'account:a',
      reference: { logo: true },
    }),
    doc('contact:a:1', {
      type: 'contact',
      accountId: 'account:a',
      name: '张三',
      roles: ['decisionMaker'],
      stance: 'supporter',
    }),
    doc('issue:a:1', { type: 'issue', accountId: 'account:a', status: 'new', title: '报表慢' }),
    doc('visit:a:1', {
      type: 'visit',
      accountId: 'account:a',
      status: 'done',
      date: dayFrom(-4),
      purpose: '回访',
    }),
    doc('requirement:1', {
      type: 'requirement',
      accountId: '',
      title: '导出',
      status: 'collected',
      productArea: 'reporting',
    }),
    doc('health:a', {
      type: 'healthScore',
      accountId: 'account:a',
      score: 71,
      band: 'green',
      computedOn: dayFrom(-1),
      override: { band: 'yellow' },
      history: [
        { date: dayFrom(-2), score: 60, band: 'yellow' },
        { date: dayFrom(-1), score: 71, band: 'green' },
        { score: 1 },
      ],
    }),
    doc('usage:a:1', {
      type: 'usageReading',
      accountId: 'account:a',
      date: dayFrom(-3),
      purchasedSeats: 10,
      activeUsers: 4,
    }),
    doc('usage:a:2', {
      type: 'usageReading',
      accountId: 'account:a',
      date: dayFrom(-2),
      activatedUsers: 7,
    }),
    doc('survey:a:1', {
      type: 'survey',
      accountId: 'account:a',
      kind: 'nps',
      date: dayFrom(-6),
      respondent: 'contact:a:1',
      score: 9,
    }),
    doc('contract:a:1', {
      type: 'contract',
      accountId: 'account:a',
      status: 'active',
      startDate: dayFrom(-100),
      endDate: dayFrom(265),
      amount: 36500,
      paid: false,
    }),
    doc('alert:a:1', {
      type: 'alertState',
      accountId: 'account:a',
      alertKey: 'account:a|noContact',
      status: 'snoozed',
      snoozedUntil: dayFrom(7),
      updatedBy: 'li.na',
      updatedAt: `${dayFrom(0)}T08:00:00.000Z`,
    }),
    doc('task:a:1', {
      type: 'task',
      accountId: 'account:a',
      title: '回电',
      dueDate: dayFrom(2),
      owner: 'li.na',
    }),
  ],
  [
    doc('contact:a:1', {
      type: 'contact',
      accountId: 'account:a',
      name: '张三丰',
      roles: ['champion'],
      active: false,
      leftOn: dayFrom(-1),
    }),
    doc('account:a', {
      type: 'account',
      name: '甲',
      accountId: 'account:a',
      reference: { logo: false },
    }),
    doc('ask:b:1', {
      type: 'requirementAsk',
      accountId: 'account:b',
      requirementId: 'requirement:1',
      contactId: 'contact:b:9',
      sourceId: 'visit:a:1',
      sourceType: 'visit',
      askedOn: dayFrom(-5),
    }),
    { id: 'issue:a:1', deleted: true },
    { id: 'usage:a:2', deleted: true },
    doc('health:a', {
      type: 'healthScore',
      accountId: 'account:a',
      score: 40,
      band: 'red',
      computedOn: dayFrom(0),
      history: [
        { date: dayFrom(-1), score: 71, band: 'green' },
        { date: dayFrom(0), score: 40, band: 'red' },
      ],
    }),
    doc('requirement:1', {
      type: 'requirement',
      accountId: '',
      title: '导出',
      status: 'planned',
      productArea: 'reporting',
      release: '5.2',
    }),
    doc('alert:a:1', {
      type: 'alertState',
      accountId: 'account:a',
      alertKey: 'account:a|noContact',
      status: 'acknowledged',
      note: '已联系',
    }),
    { id: 'task:a:1', deleted: true },
  ],
];

/** Every table (the FTS index's own aside) in a fixed order, and the triggers. */
function dumpAll(db: Database.Database) {
  const tables = projectionTables(db);
  const rows = Object.fromEntries(
    tables.map((table) => {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[])
        .map((c) => c.name)
        .join(', ');
      return [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${columns}`).all()];
    }),
  );
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    .all();
  return { rows, triggers };
}

function incrementalOf(changes: Change[][], file: string) {
  const db = new Database(file);
  migrate(db);
  const projector = new Projector(db, safeTitle);
  for (const batch of changes) db.transaction(() => projector.apply(batch))();
  const dumped = dumpAll(db);
  db.close();
  return dumped;
}

function freshOf(changes: Change[][], file: string) {
  const loader = new Loader(file, 'fresh');
  for (const batch of changes) loader.apply(batch);
  loader.finish({});
  const db = new Database(file, { readonly: true });
  const dumped = dumpAll(db);
  db.close();
  return dumped;
}

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

  it('equal every trigger-kept table of the incremental projection', () => {
    const changes = mirroredFeed();
    const expected = incrementalOf(changes, path.join(dir, 'incremental.sqlite'));
    const actual = freshOf(changes, path.join(dir, 'fresh.sqlite'));

    // The incremental side followed the revisions: the ask has the renamed contact, the
    // account's cleared reference flag and no title of its deleted source issue.
    const asks = expected.rows.requirement_asks as Record<string, unknown>[];
    expect(asks.find((a) => a.id === 'ask:a:1')).toMatchObject({
      contact_name: '张三丰',
      contact_roles: '["champion"]',
      account_reference: 0,
      source_title: null,
      confirmation: 'confirmed',
    });
    expect(asks.find((a) => a.id === 'ask:b:1')).toMatchObject({
      account_reference: null,
      contact_name: null,
      source_title: '回访',
    });
    expect(expected.rows.health_history).toHaveLength(2);
    expect(expected.rows.usage_points).toHaveLength(1);
    expect(expected.rows.requirement_version).toEqual([{ id: 1, v: 11 }]);
    expect(actual).toEqual(expected);
  });

  it('give a demo portfolio the same projection and search hits as the incremental path', () => {
    // Demo accounts, with their requirements, asks, health scores and tasks, in batches of a
    // few accounts; every tenth document comes again as a later revision in the next batch.
    const opts = { seed: 7, today: TODAY, user: 'test' };
    const requirements = new DemoRequirements(opts, 12);
    const asChanges = (docs: object[]) =>
      docs.map((d) => doc(String((d as { _id: string })._id), d as Record<string, unknown>));
    const changes: Change[][] = [asChanges(requirements.requirementDocs())];
    for (const batch of demoBatches(12, opts, 3)) {
      const byAccount = new Map<string, typeof batch>();
      for (const d of batch) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
      const asks = [...byAccount.values()].flatMap((docs) => requirements.asksFor(docs));
      // Health scores come from the health engine, not the generator; one history has a day
      // twice (the triggers keep one point per day).
      const health = [...byAccount.keys()].map((accountId, i) => ({
        _id: `healthScore:${accountId}`,
        type: 'healthScore',
        accountId,
        score: 50 + i,
        band: 'yellow',
        computedOn: TODAY,
        history: [
          { date: dayFrom(-1), score: 40 + i, band: 'red' },
          { date: dayFrom(-1), score: 45 + i, band: 'yellow' },
          { date: TODAY, score: 50 + i, band: 'yellow' },
        ],
      }));
      changes.push(asChanges([...batch, ...asks, ...health]));
    }
    for (let i = 1; i < changes.length; i++) {
      changes[i].push(
        ...changes[i - 1].filter((_, k) => k % 10 === 0).map((c) => doc(c.id, c.doc!)),
      );
    }
    const incrementalFile = path.join(dir, 'incremental.sqlite');
    const expected = incrementalOf(changes, incrementalFile);
    const freshFile = path.join(dir, 'fresh.sqlite');
    const actual = freshOf(changes, freshFile);
    expect((expected.rows.requirement_asks as unknown[]).length).toBeGreaterThan(0);
    expect((expected.rows.health_history as unknown[]).length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);

    const hits = (file: string) => {
      const db = new Database(file, { readonly: true });
      const ids = ['"续约"', '"客户"', 'renew*', '"验收"'].map((q) =>
        db
          .prepare(
            `SELECT d.id, bm25(search, 5.0, 1.0) AS score FROM search JOIN docs d ON d.n = search.rowid
             WHERE search MATCH ? ORDER BY score, d.id`,
          )
          .all(q),
      );
      db.close();
      return ids;
    };
    const expectedHits = hits(incrementalFile);
    expect(expectedHits.flat().length).toBeGreaterThan(0);
    expect(hits(freshFile)).toEqual(expectedHits);
  });

  it('stand in for every trigger on docs, so none fires per document in a fresh load', () => {
    const db = new Database(path.join(dir, 'schema.sqlite'));
    migrate(db);
    const onDocs = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'docs'")
      .pluck()
      .all() as string[];
    db.close();
    const filled = new Set(BULK_FILLS.flatMap((fill) => fill.triggers));
    expect(onDocs.filter((name) => !filled.has(name))).toEqual([]);
  });
});
