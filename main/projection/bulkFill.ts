// A fresh load (a rebuild, a first import into a new file) fills the tables that per-row
// triggers on `docs` keep current elsewhere with one statement each at the end, from the
// final `docs` rows: every trigger runs (at least its WHEN) for every document, and in a fresh
// file, whose indexes come only at the end, the requirement asks' triggers scan the whole
// `requirement_asks` table for each document. Each fill gives what the triggers reach after the
// same documents (the incremental projection); its triggers are dropped while loading and
// re-created, unchanged, after it (tests/integration/store/bulkFill.test.ts compares the two).
import type { Database } from 'better-sqlite3';
import { DOC_MIRRORS } from './migrations/docMirrors';
import { isOpenIssue, isTouch } from './migrations/0040-account-list';

/** What a fresh load counted that the final rows no longer show. */
export interface FreshLoadCounts {
  /** Writes of documents the requirement scores read (each bumped requirement_version). */
  scoreInputWrites: number;
}

export interface BulkFill {
  /** The triggers on `docs` the fill stands in for (insert, update and delete). */
  triggers: string[];
  fill: (db: Database, counts: FreshLoadCounts) => void;
}

const triggersOf = (table: string) => [`${table}_ins`, `${table}_upd`, `${table}_del`];
const j = (path: string) => `json_extract(d.json, '${path}')`;
const sqlFill = (triggers: string[], sql: string): BulkFill => ({
  triggers,
  fill: (db) => db.exec(sql),
});

/** A mirror's fill: one row per document of the type, from its final `docs` row. */
const mirror = (type: string, table: string, columns: string[], values: string[]): BulkFill =>
  sqlFill(
    triggersOf(table),
    `INSERT OR REPLACE INTO ${table} (${columns.join(', ')})
       SELECT ${values.join(', ')} FROM docs d WHERE d.type = '${type}' ORDER BY d.n`,
  );

/** 0060's referenceOf and sourceTitleOf, over the row `row`. */
const referenceOf = (row: string) =>
  `EXISTS (SELECT 1 FROM json_each(${row}.json, '$.reference') WHERE type = 'true')`;
const sourceTitleOf = (row: string) =>
  `COALESCE(json_extract(${row}.json, '$.title'), json_extract(${row}.json, '$.purpose'), '')`;

/** 0050's SCORE_INPUT_TYPES: a write of one of these bumps requirement_version. */
export const SCORE_INPUT_TYPES = new Set([
  'account',
  'contact',
  'contract',
  'requirement',
  'requirementAsk',
  'requirementModel',
  'teamMember',
  'task',
]);

export const BULK_FILLS: BulkFill[] = [
  // 0030's alert_dirty_*: every account with a document of its alert rules' types, `names`
  // when the account document itself is among them.
  sqlFill(
    triggersOf('alert_dirty'),
    `INSERT INTO alert_dirty (account_id, names)
       SELECT account_id, MAX(type = 'account') FROM docs
       WHERE type NOT IN ('timeline', 'alertState', 'healthScore')
       GROUP BY account_id
       ON CONFLICT (account_id) DO UPDATE SET names = MAX(names, excluded.names)`,
  ),
  // 0040's account_stats_* on docs (account_stats_account, on accounts, stays): the open
  // issues and the last touch of each account, in the order the documents came.
  sqlFill(
    triggersOf('account_stats'),
    `INSERT INTO account_stats (account_id, open_issues, last_touch)
       SELECT account_id, open_issues, last_touch FROM (
         SELECT account_id, MIN(n) AS first,
                SUM(CASE WHEN ${isOpenIssue('docs')} THEN 1 ELSE 0 END) AS open_issues,
                MAX(CASE WHEN ${isTouch('docs')} THEN date END) AS last_touch
         FROM docs WHERE type IN ('issue', 'visit', 'touchpoint') GROUP BY account_id)
       WHERE open_issues > 0 OR last_touch IS NOT NULL
       ORDER BY first
       ON CONFLICT (account_id) DO UPDATE SET
         open_issues = open_issues + excluded.open_issues,
         last_touch = CASE WHEN excluded.last_touch IS NULL THEN last_touch
                           ELSE MAX(COALESCE(last_touch, ''), excluded.last_touch) END`,
  ),
  // 0020's mirrors, over the final `docs` rows.
  ...DOC_MIRRORS.map((m) => mirror(m.type, m.table, m.columns, m.values('d'))),
  // 0020's health_history_*: the points of each healthScore document's history, one per date.
  sqlFill(
    triggersOf('health_history'),
    `INSERT OR REPLACE INTO health_history (doc_id, account_id, date, score, band)
       SELECT d.id, d.account_id, json_extract(h.value, '$.date'),
              json_extract(h.value, '$.score'), json_extract(h.value, '$.band')
       FROM docs d, json_each(d.json, '$.history') h
       WHERE d.type = 'healthScore' AND json_extract(h.value, '$.date') IS NOT NULL
       GROUP BY d.n, json_extract(h.value, '$.date')`,
  ),
  // 0030's alert_states_*.
  mirror(
    'alertState',
    'alert_states',
    ['doc_id', 'alert_key', 'status', 'snoozed_until', 'note', 'by', 'at'],
    [
      'd.id',
      j('$.alertKey'),
      j('$.status'),
      j('$.snoozedUntil'),
      j('$.note'),
      j('$.updatedBy'),
      j('$.updatedAt'),
    ],
  ),
  // 0060's requirements_* and the triggers that keep an ask's account, contact and source
  // fields: with every document in place, each ask reads them once.
  sqlFill(
    [
      ...triggersOf('requirements'),
      'requirement_asks_party_ins',
      'requirement_asks_party_upd',
      'requirement_asks_party_del',
      'requirement_asks_source_ins',
      'requirement_asks_source_upd',
      'requirement_asks_source_del',
    ],
    `INSERT OR REPLACE INTO requirements (id, rev, title, status, product_area, release,
                                          merged_into, updated_at)
       SELECT d.id, d.rev, d.title, ${j('$.status')}, ${j('$.productArea')}, ${j('$.release')},
              ${j('$.mergedInto')}, d.updated_at
       FROM docs d WHERE d.type = 'requirement';
     INSERT OR REPLACE INTO requirement_asks (id, requirement_id, account_id, contact_id,
                                              asked_on, importance, source_type, source_id,
                                              confirmation, told_on, account_reference,
                                              contact_name, contact_roles, rev, note,
                                              confirmation_json, told_touchpoint_id,
                                              source_title)
       SELECT d.id, ${j('$.requirementId')}, d.account_id, ${j('$.contactId')},
              ${j('$.askedOn')}, ${j('$.importance')}, ${j('$.sourceType')}, ${j('$.sourceId')},
              ${j('$.confirmation.status')}, ${j('$.toldOn')},
              (SELECT ${referenceOf('ad')} FROM docs ad WHERE ad.id = d.account_id),
              (SELECT c.title FROM docs c WHERE c.id = ${j('$.contactId')}),
              (SELECT json_extract(c.json, '$.roles') FROM docs c
                WHERE c.id = ${j('$.contactId')}),
              d.rev, ${j('$.note')}, ${j('$.confirmation')}, ${j('$.toldTouchpointId')},
              (SELECT ${sourceTitleOf('s')} FROM docs s WHERE s.id = ${j('$.sourceId')})
       FROM docs d WHERE d.type = 'requirementAsk'`,
  ),
  // 0050's requirement_version_*: bumped once per write of a score input; the projector
  // counted them (a document written twice in the load bumps it twice).
  {
    triggers: triggersOf('requirement_version'),
    fill: (db, counts) =>
      db
        .prepare('UPDATE requirement_version SET v = v + ? WHERE id = 1')
        .run(counts.scoreInputWrites),
  },
];
